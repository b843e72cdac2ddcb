"""The frozen build's entry point: the same as ``python -m app`` / the ``ringdesk`` script."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
