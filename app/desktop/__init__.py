"""OS integration without Qt: URL handlers (``tel:``, ``callto:``, ``sip:``), start at login, the menu
entry, and native notifications (D-Bus).

Why Qt-free: these writers run from the command line (``ringdesk desktop install`` after unpacking a
build, ``ringdesk doctor``) and in tests, with no display. Each platform's writer touches the OS only
through a narrow boundary (files under the XDG folders, a registry writer, a plist file) so the Windows
and macOS versions are tested on Linux with that boundary faked.
"""
