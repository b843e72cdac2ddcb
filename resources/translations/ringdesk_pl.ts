<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl" sourcelanguage="en">
<context>
    <name>AccountEditor</name>
    <message>
        <location filename="../../app/ui/settings/accounts.py" line="+83"/>
        <source>A short name for this account: lower-case letters, digits, - and _.</source>
        <translation>Krótka nazwa konta: małe litery, cyfry, - i _.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Office, Sales team</source>
        <translation>np. Biuro, Dział sprzedaży</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use this account</source>
        <translation>Używaj tego konta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Provider</source>
        <translation>Dostawca</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account ID</source>
        <translation>ID konta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name</source>
        <translation>Nazwa wyświetlana</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Who I am at this account</source>
        <translation>Kim jestem na tym koncie</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As set in the PBX (optional)</source>
        <translation>Jak w centrali (opcjonalnie)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Presented number</source>
        <translation>Numer prezentowany</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TeleCube panel (click-to-call) and request budget</source>
        <translation>Panel TeleCube (click-to-call) i limit zapytań</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Panel address</source>
        <translation>Adres panelu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Panel login</source>
        <translation>Login do panelu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests a day</source>
        <translation>Zapytań dziennie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests a billing period</source>
        <translation>Zapytań na okres rozliczeniowy</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keys</source>
        <translation>Klucze</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kept in the system keyring, never in the config file.</source>
        <translation>Przechowywane w systemowym magazynie haseł, nigdy w pliku konfiguracji.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test connection</source>
        <translation>Sprawdź połączenie</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Used %1 of %2 requests today and %3 of %4 this billing period.</source>
        <translation>Wykorzystano dziś %1 z %2 zapytań, a w tym okresie rozliczeniowym %3 z %4.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Spent: requests resume %1.</source>
        <translation>Limit wyczerpany; zapytania znów od: %1.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Stored — type to replace</source>
        <translation>Zapisany — wpisz, aby zastąpić</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not set</source>
        <translation>Nie ustawiono</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show</source>
        <translation>Pokaż</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Generate</source>
        <translation>Generuj</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Or set the environment variable %1.</source>
        <translation>Albo ustaw zmienną środowiskową %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Or the environment variable %1; in the keyring: %2.</source>
        <translation>Albo zmienna środowiskowa %1; w magazynie haseł: %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Connected: the provider lists %n user(s).</source>
        <translation>
            <numerusform>Połączono: u dostawcy jest %n użytkownik.</numerusform>
            <numerusform>Połączono: u dostawcy są %n użytkownicy.</numerusform>
            <numerusform>Połączono: u dostawcy jest %n użytkowników.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Connected: %n call(s) in the last hour.</source>
        <translation>
            <numerusform>Połączono: w ostatniej godzinie było %n połączenie.</numerusform>
            <numerusform>Połączono: w ostatniej godzinie były %n połączenia.</numerusform>
            <numerusform>Połączono: w ostatniej godzinie było %n połączeń.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected.</source>
        <translation>Połączono.</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location line="+24"/>
        <source>No secure keyring was found. Install and unlock a Secret Service (GNOME Keyring or KWallet), or provide the keys as %1 environment variables.</source>
        <translation>Nie znaleziono bezpiecznego magazynu haseł. Zainstaluj i odblokuj usługę Secret Service (GNOME Keyring lub KWallet) albo podaj klucze w zmiennych środowiskowych %1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add account</source>
        <translation>Dodaj konto</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No accounts yet. Add the account of your telephony provider to see incoming calls and call with a click.</source>
        <translation>Brak kont. Dodaj konto swojego dostawcy telefonii, aby widzieć połączenia przychodzące i dzwonić jednym kliknięciem.</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Account ID “%1”: use lower-case letters, digits, - and _ (up to 32).</source>
        <translation>ID konta „%1”: użyj małych liter, cyfr, - i _ (do 32 znaków).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Account ID “%1” is used twice.</source>
        <translation>ID konta „%1” występuje dwa razy.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Asking the provider…</source>
        <translation>Odpytywanie dostawcy…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Test connection</source>
        <translation>Sprawdź połączenie</translation>
    </message>
</context>
<context>
    <name>Audio</name>
    <message>
        <location filename="../../app/ui/media.py" line="+89"/>
        <source>Recordings cannot be played and the ring sound is off: the system library %1 is missing. Install %2 and start Ringdesk again.</source>
        <translation>Odtwarzanie nagrań jest niedostępne, a dzwonek wyłączony: brak biblioteki systemowej %1. Zainstaluj %2 i uruchom Ringdesk ponownie.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recordings cannot be played and the ring sound is off: the system library %1 is missing. Install the package that provides it and start Ringdesk again.</source>
        <translation>Odtwarzanie nagrań jest niedostępne, a dzwonek wyłączony: brak biblioteki systemowej %1. Zainstaluj pakiet, który ją zawiera, i uruchom Ringdesk ponownie.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recordings cannot be played and the ring sound is off: Qt Multimedia cannot be loaded (%1).</source>
        <translation>Odtwarzanie nagrań jest niedostępne, a dzwonek wyłączony: nie udało się wczytać Qt Multimedia (%1).</translation>
    </message>
</context>
<context>
    <name>CallAlerts</name>
    <message>
        <location filename="../../app/ui/alerts.py" line="+160"/>
        <source>Unknown number</source>
        <translation>Nieznany numer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Missed call: %1</source>
        <translation>Nieodebrane połączenie: %1</translation>
    </message>
</context>
<context>
    <name>CallCard</name>
    <message>
        <location filename="../../app/ui/cards/card.py" line="+232"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>All calls with this number</source>
        <translation>Wszystkie połączenia z tym numerem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;History</source>
        <translation>&amp;Historia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a note</source>
        <translation>Dodaj notatkę</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Note</source>
        <translation>&amp;Notatka</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy number</source>
        <translation>Kopiuj numer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Co&amp;py</source>
        <translation>Ko&amp;piuj</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open in CRM</source>
        <translation>Otwórz w CRM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>C&amp;RM</source>
        <translation>C&amp;RM</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Unknown caller</source>
        <translation>Nieznany rozmówca</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden number</source>
        <translation>Numer zastrzeżony</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Responsible: %1</source>
        <translation>Opiekun: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>LAST CALLS</source>
        <translation>OSTATNIE POŁĄCZENIA</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>NOTES</source>
        <translation>NOTATKI</translation>
    </message>
    <message>
        <location line="+155"/>
        <source>to %1</source>
        <translation>na %1</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Incoming call</source>
        <translation>Połączenie przychodzące</translation>
    </message>
    <message>
        <location line="-239"/>
        <source>Create &amp;contact</source>
        <translation>Utwórz &amp;kontakt</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Call &amp;back</source>
        <translation>&amp;Oddzwoń</translation>
    </message>
    <message>
        <location line="+223"/>
        <source>%1 talking · %2</source>
        <translation>%1 rozmawia · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talking · %1</source>
        <translation>Rozmowa · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missed call</source>
        <translation>Nieodebrane połączenie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered by %1</source>
        <translation>Odebrane przez %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a colleague</source>
        <translation>współpracownika</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call ended · %1</source>
        <translation>Koniec rozmowy · %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call ended</source>
        <translation>Połączenie zakończone</translation>
    </message>
</context>
<context>
    <name>CallDetailsDialog</name>
    <message>
        <location filename="../../app/ui/history/details.py" line="+62"/>
        <source>Call with %1</source>
        <translation>Połączenie: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unknown</source>
        <translation>Nieznany</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Call back</source>
        <translation>Oddzwoń</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call this number back</source>
        <translation>Oddzwoń na ten numer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy number</source>
        <translation>Kopiuj numer</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Press ▶ to play the recording.</source>
        <translation>Naciśnij ▶, aby odtworzyć nagranie.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Write a note about this call (Ctrl+Enter adds it)</source>
        <translation>Notatka do tego połączenia (Ctrl+Enter – dodaj)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add note</source>
        <translation>Dodaj notatkę</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Notes</source>
        <translation>Notatki</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Number</source>
        <translation>Numer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Czas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk time</source>
        <translation>Czas rozmowy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waited</source>
        <translation>Oczekiwanie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our line</source>
        <translation>Nasza linia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent</source>
        <translation>Konsultant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call ID</source>
        <translation>ID połączenia</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No notes yet.</source>
        <translation>Brak notatek.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>earlier call</source>
        <translation>wcześniejsze połączenie</translation>
    </message>
</context>
<context>
    <name>CallWords</name>
    <message>
        <location filename="../../app/ui/history/words.py" line="+17"/>
        <source>Outcome unknown</source>
        <translation>Wynik nieznany</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ringing</source>
        <translation>Dzwoni</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talking</source>
        <translation>Rozmowa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>Odebrane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>Nieodebrane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy</source>
        <translation>Zajęte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unavailable</source>
        <translation>Niedostępny</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barred</source>
        <translation>Zablokowane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Anulowane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Nieudane</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Incoming</source>
        <translation>Przychodzące</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outgoing</source>
        <translation>Wychodzące</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Internal</source>
        <translation>Wewnętrzne</translation>
    </message>
</context>
<context>
    <name>CardStack</name>
    <message>
        <location filename="../../app/ui/cards/stack.py" line="+500"/>
        <source>Number copied: %1</source>
        <translation>Skopiowano numer: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not open the CRM link: %1</source>
        <translation>Nie udało się otworzyć linku CRM: %1</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <location filename="../../app/ui/settings/general.py" line="+213"/>
        <source>Show a card for every incoming call</source>
        <translation>Pokazuj kartę każdego połączenia przychodzącego</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click-to-call only (no cards)</source>
        <translation>Tylko click-to-call (bez kart)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep until closed</source>
        <translation>Nie zamykaj</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Play a sound when a card appears</source>
        <translation>Dźwięk przy pojawieniu się karty</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test</source>
        <translation>Sprawdź</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play the ring once on this output</source>
        <translation>Odtwórz dzwonek raz na tym wyjściu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Put cards back in the corner</source>
        <translation>Przywróć karty do rogu</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cards</source>
        <translation>Karty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close an ended call&apos;s card after</source>
        <translation>Zamykaj kartę zakończonego połączenia po</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRM link</source>
        <translation>Link CRM</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opened by the card&apos;s CRM button. Placeholders: {phone}, {name}, {call_id}, {line}.</source>
        <translation>Otwierany przyciskiem CRM na karcie. Zmienne: {phone}, {name}, {call_id}, {line}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ring on</source>
        <translation>Wyjście dzwonka</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>System default output</source>
        <translation>Domyślne wyjście systemowe</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The chosen device (not connected now)</source>
        <translation>Wybrane urządzenie (obecnie niepodłączone)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chosen device</source>
        <translation>Wybrane urządzenie</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No sound can play on this computer: Qt found no audio backend (install the system&apos;s PulseAudio and X RandR libraries).</source>
        <translation>Na tym komputerze nie można odtwarzać dźwięku: Qt nie znalazł zaplecza audio (zainstaluj systemowe biblioteki PulseAudio i X RandR).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No audio output is connected now; the ring uses the system default as soon as there is one.</source>
        <translation>Brak podłączonego wyjścia audio; dzwonek użyje domyślnego wyjścia systemowego, gdy tylko się pojawi.</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../app/ui/cards/forms.py" line="+163"/>
        <source>Create contact</source>
        <translation>Utwórz kontakt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>Imię i nazwisko</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A name is needed</source>
        <translation>Podaj imię i nazwisko</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <location filename="../../app/ui/history/export.py" line="+65"/>
        <location line="+26"/>
        <source>Cannot write %1: %2</source>
        <translation>Nie można zapisać %1: %2</translation>
    </message>
</context>
<context>
    <name>DesktopSession</name>
    <message>
        <location filename="../../app/ui/main.py" line="+94"/>
        <source>The webhook receiver could not start: %1</source>
        <translation>Nie udało się uruchomić odbiornika webhooków: %1</translation>
    </message>
</context>
<context>
    <name>DialBox</name>
    <message>
        <location filename="../../app/ui/dialbox.py" line="+91"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Calling %1 through %2, presenting %3: your phone rings first.</source>
        <translation>Łączenie z %1 przez %2, prezentowany numer %3: najpierw zadzwoni Twój telefon.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calling %1 through %2: your phone rings first.</source>
        <translation>Łączenie z %1 przez %2: najpierw zadzwoni Twój telefon.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The provider</source>
        <translation>Dostawca</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 did not accept the account&apos;s key or password, so no call was placed. Check them in Settings › Accounts.</source>
        <translation>%1 nie akceptuje klucza lub hasła konta, więc połączenie nie zostało wykonane. Sprawdź je w Ustawienia › Konta.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 has reached its request limit, so no call was placed. Try again after %2.</source>
        <translation>%1 ma wyczerpany limit zapytań, więc połączenie nie zostało wykonane. Spróbuj ponownie po %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has reached its request limit, so no call was placed. Try again later.</source>
        <translation>%1 ma wyczerpany limit zapytań, więc połączenie nie zostało wykonane. Spróbuj ponownie później.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be reached, so no call was placed. Try again in a minute.</source>
        <translation>%1 nie odpowiada, więc połączenie nie zostało wykonane. Spróbuj ponownie za minutę.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 refused this call, so no call was placed. Check the number; if it is right, check your user at this account in Settings › Accounts.</source>
        <translation>%1 odrzuca to połączenie, więc nie zostało ono wykonane. Sprawdź numer; jeśli jest poprawny, sprawdź swojego użytkownika na tym koncie w Ustawienia › Konta.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Call a number</source>
        <translation>Zadzwoń pod numer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Number, e.g. +48 777 888 999</source>
        <translation>Numer, np. +48 777 888 999</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number or name, e.g. +48 777 888 999</source>
        <translation>Numer lub nazwa, np. +48 777 888 999</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The number the client sees</source>
        <translation>Numer widoczny dla klienta</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Call</source>
        <translation>Zadzwoń</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call the number</source>
        <translation>Zadzwoń pod ten numer</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Default number</source>
        <translation>Numer domyślny</translation>
    </message>
</context>
<context>
    <name>FallbackWindow</name>
    <message>
        <location filename="../../app/ui/tray.py" line="+263"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Call a number…</source>
        <translation>Zadzwoń pod numer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Historia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../app/ui/history/filters.py" line="+165"/>
        <source>Search a number or a name  (Ctrl+F)</source>
        <translation>Szukaj numeru lub nazwy  (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>All</source>
        <translation>Wszystkie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incoming</source>
        <translation>Przychodzące</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outgoing</source>
        <translation>Wychodzące</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>Nieodebrane</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Any time</source>
        <translation>Dowolny okres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Dziś</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yesterday</source>
        <translation>Wczoraj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Ostatnie 7 dni</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Ostatnie 30 dni</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates…</source>
        <translation>Zakres dat…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>Do</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All agents</source>
        <translation>Wszyscy konsultanci</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All lines</source>
        <translation>Wszystkie linie</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/firstrun.py" line="+56"/>
        <location line="+11"/>
        <source>Welcome to Ringdesk</source>
        <translation>Witamy w Ringdesk</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Incoming-call cards, click-to-call and your call history with recordings, beside your softphone. Nothing is set up yet.</source>
        <translation>Karty połączeń przychodzących, click-to-call i historia połączeń z nagraniami — obok Twojego softphone’a. Nic nie jest jeszcze skonfigurowane.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Join your team&apos;s hub</source>
        <translation>Dołącz do serwera zespołu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your call centre runs Ringdesk for everyone: paste the invite link you were sent.</source>
        <translation>Twoje call center udostępnia Ringdesk całemu zespołowi: wklej otrzymany link z zaproszeniem.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connect a provider account on this computer</source>
        <translation>Połącz konto dostawcy na tym komputerze</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For a one-person office: Cloud PBX (MegaFon, Gravitel, …), TeleDiscount or TeleCube, with your account and keys.</source>
        <translation>Dla jednoosobowego biura: Cloud PBX (MegaFon, Gravitel, …), TeleDiscount lub TeleCube, z Twoim kontem i kluczami.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Start the demo</source>
        <translation>Uruchom demo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>See cards, history and recordings at once, with simulated calls. Nothing leaves this computer.</source>
        <translation>Od razu zobacz karty, historię i nagrania na symulowanych połączeniach. Nic nie opuszcza tego komputera.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The demo could not be started. Run “ringdesk demo” from a terminal to see why.</source>
        <translation>Nie udało się uruchomić demo. Uruchom „ringdesk demo” w terminalu, aby zobaczyć przyczynę.</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../../app/ui/settings/general.py" line="-232"/>
        <source>As the system</source>
        <translation>Jak w systemie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agent — my own calls and recordings</source>
        <translation>Konsultant — moje połączenia i nagrania</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor — every call and recording</source>
        <translation>Supervisor — wszystkie połączenia i nagrania</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start Ringdesk when I log in (in the tray)</source>
        <translation>Uruchamiaj Ringdesk po zalogowaniu (w zasobniku)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open tel:, callto: and sip: links with Ringdesk</source>
        <translation>Otwieraj linki tel:, callto: i sip: w Ringdesk</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Create a contact for every unknown caller</source>
        <translation>Twórz kontakt dla każdego nieznanego rozmówcy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Numbers without a country code are in</source>
        <translation>Kraj numerów bez kodu kraju</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used for numbers written like 8 910 123-45-67 or 777 888 999.</source>
        <translation>Dotyczy numerów zapisanych np. jako 8 910 123-45-67 lub 777 888 999.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Język</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Takes effect when Ringdesk starts again.</source>
        <translation>Zmiana zadziała po ponownym uruchomieniu Ringdesk.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Rola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>Uruchamianie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone links</source>
        <translation>Linki telefoniczne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dial shortcut</source>
        <translation>Skrót wybierania</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contacts</source>
        <translation>Kontakty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recordings cache</source>
        <translation>Pamięć podręczna nagrań</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sound</source>
        <translation>Dźwięk</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Press it in any application to call the selected number, or the one in the clipboard. Empty: no shortcut.</source>
        <translation>Naciśnij go w dowolnej aplikacji, aby zadzwonić pod zaznaczony numer lub numer ze schowka. Puste: bez skrótu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A global shortcut cannot work here. %1</source>
        <translation>Globalny skrót nie może tu działać. %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Dial shortcut: %1</source>
        <translation>Skrót wybierania: %1</translation>
    </message>
</context>
<context>
    <name>GlobalDialShortcut</name>
    <message>
        <location filename="../../app/ui/hotkey.py" line="+52"/>
        <source>This is a Wayland desktop: Ringdesk only sees the keys while one of its windows has focus. Add a shortcut in your desktop&apos;s keyboard settings that runs: ringdesk call &quot;$(wl-paste --primary)&quot;</source>
        <translation>To jest pulpit Wayland: Ringdesk widzi klawisze tylko wtedy, gdy jedno z jego okien ma fokus. Dodaj skrót w ustawieniach klawiatury pulpitu, który uruchamia: ringdesk call &quot;$(wl-paste --primary)&quot;</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+200"/>
        <source>The X11 library (libX11) is missing.</source>
        <translation>Brak biblioteki X11 (libX11).</translation>
    </message>
    <message>
        <location line="-194"/>
        <source>Wayland does not let applications grab keys for the whole desktop. Add a shortcut in your desktop&apos;s keyboard settings that runs: ringdesk call &quot;$(wl-paste --primary)&quot;</source>
        <translation>Wayland nie pozwala aplikacjom przechwytywać klawiszy dla całego pulpitu. Dodaj skrót w ustawieniach klawiatury pulpitu, który uruchamia: ringdesk call &quot;$(wl-paste --primary)&quot;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not available on macOS yet: use a Services or Shortcuts action that runs ringdesk call with the selected text.</source>
        <translation>Na macOS jeszcze niedostępne: użyj akcji Usług lub Skrótów, która uruchamia ringdesk call z zaznaczonym tekstem.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No desktop keyboard here (Qt platform &apos;%1&apos;).</source>
        <translation>Brak klawiatury pulpitu (platforma Qt &apos;%1&apos;).</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>No shortcut given.</source>
        <translation>Nie podano skrótu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unknown modifier %1 in “%2”.</source>
        <translation>Nieznany modyfikator %1 w „%2”.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“%1” needs Ctrl, Alt, Shift or Meta: a bare key would stop working everywhere.</source>
        <translation>„%1” wymaga Ctrl, Alt, Shift lub Meta: sam klawisz przestałby działać wszędzie.</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Cannot connect to the X display.</source>
        <translation>Nie można połączyć się z ekranem X.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The key “%1” does not exist on this keyboard.</source>
        <translation>Klawisz „%1” nie istnieje na tej klawiaturze.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 is already used by another application: choose another shortcut.</source>
        <translation>%1 jest już używany przez inną aplikację: wybierz inny skrót.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The X server refused the shortcut %1.</source>
        <translation>Serwer X odrzucił skrót %1.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>This shortcut is already used by another application: choose another one.</source>
        <translation>Ten skrót jest już używany przez inną aplikację: wybierz inny.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The key “%1” cannot be used for a Windows hot key.</source>
        <translation>Klawisza „%1” nie można użyć jako skrótu globalnego Windows.</translation>
    </message>
</context>
<context>
    <name>HealthWatch</name>
    <message>
        <location filename="../../app/ui/health.py" line="+90"/>
        <source>No account yet</source>
        <translation>Brak konta</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not receiving calls</source>
        <translation>Odbiór połączeń nie działa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receiving calls</source>
        <translation>Odbiór połączeń działa</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not connected to the team hub</source>
        <translation>Brak połączenia z serwerem zespołu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connected to the team hub since %1</source>
        <translation>Połączono z serwerem zespołu od %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not connected to the team hub since %1</source>
        <translation>Brak połączenia z serwerem zespołu od %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(trying again)</source>
        <translation>(ponawianie próby)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>history sync failed: %1</source>
        <translation>błąd synchronizacji historii: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>TeleCube&apos;s daily limit is used up: calls and history through it pause until %1</source>
        <translation>Dzienny limit TeleCube wyczerpany: połączenia i historia przez TeleCube wstrzymane do %1</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>…and %n more account(s) with problems</source>
        <translation>
            <numerusform>…i jeszcze %n konto z problemami</numerusform>
            <numerusform>…i jeszcze %n konta z problemami</numerusform>
            <numerusform>…i jeszcze %n kont z problemami</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../app/ui/history/model.py" line="+242"/>
        <source>Time</source>
        <translation>Czas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>Numer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line</source>
        <translation>Linia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent</source>
        <translation>Konsultant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk</source>
        <translation>Rozmowa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait</source>
        <translation>Oczekiwanie</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Has a recording</source>
        <translation>Jest nagranie</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <location filename="../../app/ui/history/window.py" line="+71"/>
        <source>Call history — Ringdesk</source>
        <translation>Historia połączeń — Ringdesk</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Showing every call: tell Ringdesk who you are at each account (Settings › Accounts) to see only your own.</source>
        <translation>Widoczne są wszystkie połączenia. Aby widzieć tylko własne, podaj swój login na każdym koncie (Ustawienia › Konta).</translation>
    </message>
    <message>
        <location filename="../../app/ui/history/actions.py" line="+89"/>
        <location filename="../../app/ui/history/window.py" line="+14"/>
        <source>Select a call with a recording to play it.</source>
        <translation>Wybierz połączenie z nagraniem, aby je odtworzyć.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history/window.py" line="+7"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+228"/>
        <source>Call back</source>
        <translation>Oddzwoń</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>Call this number back</source>
        <translation>Oddzwoń na ten numer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Szczegóły</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details and notes (Enter)</source>
        <translation>Szczegóły i notatki (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Eksportuj CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every call of the current view as CSV</source>
        <translation>Zapisz wszystkie połączenia z bieżącego widoku do pliku CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark missed calls as seen</source>
        <translation>Oznacz nieodebrane jako przejrzane</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the missed-calls badge of the tray</source>
        <translation>Usuń licznik nieodebranych połączeń z ikony w zasobniku</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>%1 calls loaded</source>
        <translation>Wczytano połączeń: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More than %1 calls</source>
        <translation>Ponad %1 połączeń</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 call</source>
        <translation>1 połączenie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 calls</source>
        <translation>Połączeń: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+81"/>
        <source>%n new call(s) above — show</source>
        <translation>
            <numerusform>%n nowe połączenie powyżej — pokaż</numerusform>
            <numerusform>%n nowe połączenia powyżej — pokaż</numerusform>
            <numerusform>%n nowych połączeń powyżej — pokaż</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/history/widgets.py" line="+149"/>
        <source>No calls yet</source>
        <translation>Brak połączeń</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls appear here as they ring, and after each sync.</source>
        <translation>Połączenia pojawiają się tu na bieżąco oraz po każdej synchronizacji.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No calls match</source>
        <translation>Brak pasujących połączeń</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the search and filters</source>
        <translation>Wyczyść wyszukiwanie i filtry</translation>
    </message>
    <message>
        <location filename="../../app/ui/history/actions.py" line="+2"/>
        <source>This call has no recording.</source>
        <translation>To połączenie nie ma nagrania.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history/window.py" line="+54"/>
        <source>Details and notes</source>
        <translation>Szczegóły i notatki</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy number</source>
        <translation>Kopiuj numer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All calls with this number</source>
        <translation>Wszystkie połączenia z tym numerem</translation>
    </message>
    <message>
        <location filename="../../app/ui/history/actions.py" line="-31"/>
        <source>Calling %1… your phone rings first.</source>
        <translation>Łączenie z %1… najpierw zadzwoni Twój telefon.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Export the calls as CSV</source>
        <translation>Eksport połączeń do CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>Pliki CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting… %1 calls written</source>
        <translation>Eksportowanie… zapisano połączeń: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Exported %1 calls to %2</source>
        <translation>Wyeksportowano do %2 (połączeń: %1)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Export cancelled.</source>
        <translation>Eksport anulowany.</translation>
    </message>
</context>
<context>
    <name>JoinHubDialog</name>
    <message>
        <location filename="../../app/ui/join.py" line="+36"/>
        <source>Join your team&apos;s hub</source>
        <translation>Dołącz do serwera zespołu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paste the invite link your administrator sent you. It looks like https://hub.example.com/join#rd1.… and is meant for you alone.</source>
        <translation>Wklej link z zaproszeniem od administratora. Wygląda jak https://hub.example.com/join#rd1.… i jest przeznaczony tylko dla Ciebie.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Join</source>
        <translation>Dołącz</translation>
    </message>
</context>
<context>
    <name>MissedCallNotifier</name>
    <message>
        <location filename="../../app/ui/notify.py" line="+152"/>
        <source>Missed call</source>
        <translation>Nieodebrane połączenie</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>Otwórz</translation>
    </message>
</context>
<context>
    <name>MoreCard</name>
    <message numerus="yes">
        <location filename="../../app/ui/cards/stack.py" line="-407"/>
        <source>%n more calls</source>
        <translation>
            <numerusform>Jeszcze %n połączenie</numerusform>
            <numerusform>Jeszcze %n połączenia</numerusform>
            <numerusform>Jeszcze %n połączeń</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the call history</source>
        <translation>Otwórz historię połączeń</translation>
    </message>
</context>
<context>
    <name>NoteForm</name>
    <message>
        <location filename="../../app/ui/cards/forms.py" line="-45"/>
        <source>Note</source>
        <translation>Notatka</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What was the call about? (Ctrl+Enter saves)</source>
        <translation>Czego dotyczyło połączenie? (Ctrl+Enter – zapisz)</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <location filename="../../app/config/secrets.py" line="+223"/>
        <source>Account &apos;{account}&apos; has no &apos;{name}&apos; secret.</source>
        <translation>Konto „{account}” nie ma sekretu „{name}”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set it in Settings › Accounts, or as the environment variable {variable}.</source>
        <translation>Ustaw go w Ustawienia › Konta albo w zmiennej środowiskowej {variable}.</translation>
    </message>
    <message>
        <location filename="../../app/core/errors.py" line="+38"/>
        <source>“{number}” is not a phone number Ringdesk can dial.</source>
        <translation>„{number}” nie jest numerem telefonu, który Ringdesk może wybrać.</translation>
    </message>
    <message>
        <location filename="../../app/providers/cloudpbx/client.py" line="+45"/>
        <source>Check the API key (token) in the PBX cabinet&apos;s CRM integration page and in Settings › Accounts.</source>
        <translation>Sprawdź klucz API (token) na stronie integracji CRM w panelu centrali oraz w Ustawienia › Konta.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use your PBX&apos;s own address, e.g. https://&lt;company&gt;.megapbx.ru, in Settings › Accounts.</source>
        <translation>Wpisz własny adres swojej centrali, np. https://&lt;company&gt;.megapbx.ru, w Ustawienia › Konta.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>The account has no PBX user to ring first.</source>
        <translation>Konto nie ma użytkownika centrali, do którego najpierw można zadzwonić.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter yours (e.g. andy) as &apos;user&apos; in Settings › Accounts.</source>
        <translation>Wpisz swojego (np. andy) jako „user” w Ustawienia › Konta.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>This call has no recording link.</source>
        <translation>To połączenie nie ma linku do nagrania.</translation>
    </message>
    <message>
        <location filename="../../app/providers/http.py" line="+82"/>
        <location filename="../../app/providers/hub/client.py" line="+465"/>
        <location line="+37"/>
        <source>Ringdesk will try again later.</source>
        <translation>Ringdesk spróbuje ponownie później.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Check the account&apos;s address in Settings › Accounts.</source>
        <translation>Sprawdź adres konta w Ustawienia › Konta.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>{provider} redirected the request to {target}: the address (domain) of the account is probably wrong.</source>
        <translation>{provider} przekierował zapytanie do {target}: adres (domena) konta jest prawdopodobnie błędny.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{provider} refused the credentials{quoted}.</source>
        <translation>{provider} odrzucił dane logowania{quoted}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{provider} says its request limit is reached{quoted}.</source>
        <translation>{provider} zgłasza, że limit zapytań został wyczerpany{quoted}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{provider} rejected the request (HTTP {status}){quoted}.</source>
        <translation>{provider} odrzucił zapytanie (HTTP {status}){quoted}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{provider} is having trouble (HTTP {status}){quoted}.</source>
        <translation>{provider} ma problemy (HTTP {status}){quoted}.</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>{provider} ({host}) did not answer in time.</source>
        <translation>{provider} ({host}) nie odpowiedział na czas.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot reach {provider} at {host}: {reason}.</source>
        <translation>Nie można połączyć się z {provider} pod adresem {host}: {reason}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/providers/hub/client.py" line="+6"/>
        <source>Check the network connection.</source>
        <translation>Sprawdź połączenie z siecią.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{provider}: the account&apos;s address, or the address it redirected to, is not usable ({reason}).</source>
        <translation>{provider}: adresu konta lub adresu, na który nastąpiło przekierowanie, nie da się użyć ({reason}).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{provider} answered something that is not JSON.</source>
        <translation>{provider} odpowiedział czymś, co nie jest JSON-em.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{provider}: too many redirects for {url}.</source>
        <translation>{provider}: zbyt wiele przekierowań dla {url}.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Refusing to download {url}: only http(s) links are followed.</source>
        <translation>Odmowa pobrania {url}: obsługiwane są tylko linki http(s).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refusing to download from {host}: it is neither the provider&apos;s host nor the host the provider named.</source>
        <translation>Odmowa pobrania z {host}: to nie jest ani serwer dostawcy, ani serwer przez niego wskazany.</translation>
    </message>
    <message>
        <location filename="../../app/providers/telecube/client.py" line="+39"/>
        <source>The API key is wrong, this computer&apos;s IP address is not on the allow-list, or the API service is off (TeleCube panel › Rozbudowa Centrali › Integracja API).</source>
        <translation>Klucz API jest błędny, adresu IP tego komputera nie ma na liście dozwolonych albo usługa API jest wyłączona (panel TeleCube › Rozbudowa Centrali › Integracja API).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>TeleCube allows 1,000 API requests a day and 20,000 a billing period.</source>
        <translation>TeleCube pozwala na 1000 zapytań API dziennie i 20 000 w okresie rozliczeniowym.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>TeleCube refused {request}: “{reason}”.</source>
        <translation>TeleCube odrzucił {request}: „{reason}”.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Click-to-call through TeleCube needs the panel login and your extension.</source>
        <translation>Dzwonienie przez TeleCube wymaga loginu do panelu i Twojego numeru wewnętrznego.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter &apos;login&apos; and &apos;user&apos; (extension) in Settings › Accounts.</source>
        <translation>Wpisz „login” i „user” (numer wewnętrzny) w Ustawienia › Konta.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>TeleCube did not place the call: “{reason}”.</source>
        <translation>TeleCube nie zestawił połączenia: „{reason}”.</translation>
    </message>
    <message>
        <location filename="../../app/providers/telediscount/client.py" line="+32"/>
        <source>Check the key shown in the TeleDiscount cabinet as «КЛЮЧ ДЛЯ ИНТЕГРАЦИИ С CRM» (Settings › Accounts › api_key).</source>
        <translation>Sprawdź klucz widoczny w panelu TeleDiscount jako «КЛЮЧ ДЛЯ ИНТЕГРАЦИИ С CRM» (Ustawienia › Konta › api_key).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>TeleDiscount refused {request}: “{reason}”.</source>
        <translation>TeleDiscount odrzucił {request}: „{reason}”.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The account has no SIP account to ring first.</source>
        <translation>Konto nie ma konta SIP, do którego najpierw można zadzwonić.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter yours (e.g. SIP/00000000672) as &apos;user&apos; in Settings › Accounts.</source>
        <translation>Wpisz swoje (np. SIP/00000000672) jako „user” w Ustawienia › Konta.</translation>
    </message>
    <message>
        <location filename="../../app/services/budget.py" line="+69"/>
        <source>The TeleCube request budget is spent ({today} of {daily} today, {period} of {period_limit} this period): Ringdesk resumes at {when}.</source>
        <translation>Limit zapytań TeleCube został wyczerpany ({today} z {daily} dziś, {period} z {period_limit} w tym okresie): Ringdesk wznowi pracę o {when}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Calls made meanwhile appear after the next history sync.</source>
        <translation>Połączenia z tego czasu pojawią się po następnej synchronizacji historii.</translation>
    </message>
    <message>
        <location filename="../../app/services/dialer.py" line="+48"/>
        <source>Calling {number} through {account}: your phone rings first.</source>
        <translation>Łączenie z {number} przez {account}: najpierw zadzwoni Twój telefon.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calling {number} through {account}: your phone rings first, presenting {caller_id}.</source>
        <translation>Łączenie z {number} przez {account}: najpierw zadzwoni Twój telefon, prezentowany numer {caller_id}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Numbers without a country code are read as numbers of {region} (+{code}), the region set in Settings › General (region under [general] in config.toml). Write it with its country code, or change the region there.</source>
        <translation>Numery bez kodu kraju są odczytywane jako numery z regionu {region} (+{code}) ustawionego w Ustawienia › Ogólne (region w sekcji [general] w config.toml). Wpisz numer z kodem kraju albo zmień tam region.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Numbers without a country code are read as numbers of {region} (+{code}), the country of the system locale {locale}. Write it with its country code, or change the region in Settings › General (region under [general] in config.toml).</source>
        <translation>Numery bez kodu kraju są odczytywane jako numery z regionu {region} (+{code}), kraju z ustawień regionalnych systemu {locale}. Wpisz numer z kodem kraju albo zmień region w Ustawienia › Ogólne (region w sekcji [general] w config.toml).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Numbers without a country code are read as numbers of {region} (+{code}), because no region is set and the system locale {locale} names no country. Write it with its country code, or set the region in Settings › General (region under [general] in config.toml).</source>
        <translation>Numery bez kodu kraju są odczytywane jako numery z regionu {region} (+{code}), ponieważ region nie jest ustawiony, a ustawienia regionalne systemu {locale} nie wskazują kraju. Wpisz numer z kodem kraju albo ustaw region w Ustawienia › Ogólne (region w sekcji [general] w config.toml).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Numbers without a country code are read as numbers of {line_region} (+{line_code}), the country of the line {line}, else of {region} (+{code}). Write it with its country code, or change the region in Settings › General (region under [general] in config.toml).</source>
        <translation>Numery bez kodu kraju są odczytywane jako numery z regionu {line_region} (+{line_code}), kraju linii {line}, a w pozostałych przypadkach z regionu {region} (+{code}). Wpisz numer z kodem kraju albo zmień region w Ustawienia › Ogólne (region w sekcji [general] w config.toml).</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>No account can place calls.</source>
        <translation>Żadne konto nie może wykonywać połączeń.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a provider account in Settings › Accounts.</source>
        <translation>Dodaj konto dostawcy w Ustawienia › Konta.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The account &apos;{account}&apos; cannot reach its provider: its API key is missing.</source>
        <translation>Konto „{account}” nie może połączyć się z dostawcą: brakuje klucza API.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter it in Settings › Accounts.</source>
        <translation>Wpisz go w Ustawienia › Konta.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>“{number}” is not a number that can be presented as caller ID.</source>
        <translation>„{number}” nie jest numerem, który można prezentować jako numer dzwoniącego.</translation>
    </message>
    <message>
        <location filename="../../app/services/recordings.py" line="+53"/>
        <source>The link may lead to a web page or may have expired.</source>
        <translation>Link może prowadzić do strony internetowej albo już wygasł.</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Agents may play the recordings of their own calls only.</source>
        <translation>Konsultanci mogą odtwarzać tylko nagrania własnych połączeń.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A supervisor role (Settings › General) gives access to all recordings.</source>
        <translation>Rola kierownika (Ustawienia › Ogólne) daje dostęp do wszystkich nagrań.</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>The recording is not available yet.</source>
        <translation>Nagranie nie jest jeszcze dostępne.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The provider may still be writing it; try again in a few minutes.</source>
        <translation>Dostawca może go jeszcze zapisywać; spróbuj ponownie za kilka minut.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Cannot write the recording to {folder}: {reason}</source>
        <translation>Nie można zapisać nagrania w {folder}: {reason}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The recording link did not say what it sent, so Ringdesk did not keep it.</source>
        <translation>Link do nagrania nie podał typu przesłanych danych, więc Ringdesk ich nie zachował.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The recording link answered with “{media_type}”, not with audio, so Ringdesk did not keep it.</source>
        <translation>Link do nagrania zwrócił „{media_type}” zamiast dźwięku, więc Ringdesk tego nie zachował.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The recording came too slowly ({kib} KiB in {seconds} s), so Ringdesk stopped the download.</source>
        <translation>Nagranie napływało zbyt wolno ({kib} KiB w {seconds} s), więc Ringdesk przerwał pobieranie.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The provider&apos;s file server or the network is very slow; try again later.</source>
        <translation>Serwer plików dostawcy lub sieć działa bardzo wolno; spróbuj ponownie później.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync.py" line="+217"/>
        <source>History sync stopped on an unexpected error ({error}); it will retry. Details are in the log.</source>
        <translation>Synchronizacja historii zatrzymała się na nieoczekiwanym błędzie ({error}); zostanie ponowiona. Szczegóły są w dzienniku.</translation>
    </message>
    <message>
        <location filename="../../app/store/db.py" line="+92"/>
        <source>Ringdesk needs SQLite {needed} or newer; this Python has {found}.</source>
        <translation>Ringdesk wymaga SQLite {needed} lub nowszego; ten Python ma {found}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install a newer Python (or its sqlite3 module).</source>
        <translation>Zainstaluj nowszy Python (albo jego moduł sqlite3).</translation>
    </message>
    <message>
        <location line="+325"/>
        <source>The disk failed to write (I/O error): Ringdesk cannot save calls.</source>
        <translation>Błąd zapisu na dysku (błąd wejścia/wyjścia): Ringdesk nie może zapisywać połączeń.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the disk&apos;s free space and health; the system log may say more.</source>
        <translation>Sprawdź wolne miejsce i stan dysku; więcej szczegółów może być w dzienniku systemowym.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database is read-only or not writable: Ringdesk cannot save calls.</source>
        <translation>Baza danych jest tylko do odczytu lub brak uprawnień do zapisu: Ringdesk nie może zapisywać połączeń.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that this user may write to Ringdesk&apos;s data folder.</source>
        <translation>Sprawdź, czy ten użytkownik ma prawo zapisu w folderze danych Ringdesk.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Try again in a moment.</source>
        <translation>Spróbuj ponownie za chwilę.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database is damaged: Ringdesk cannot save calls.</source>
        <translation>Baza danych jest uszkodzona: Ringdesk nie może zapisywać połączeń.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore it from a backup, or move it aside to start afresh.</source>
        <translation>Przywróć ją z kopii zapasowej albo przenieś w inne miejsce, aby zacząć od nowa.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database was written by a newer Ringdesk (schema {schema}, this one knows {latest}).</source>
        <translation>Bazę danych zapisała nowsza wersja Ringdesk (schemat {schema}, ta wersja zna {latest}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Update Ringdesk, or move the database aside to start afresh.</source>
        <translation>Zaktualizuj Ringdesk albo przenieś bazę danych w inne miejsce, aby zacząć od nowa.</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>The disk is full: Ringdesk cannot save calls.</source>
        <translation>Dysk jest pełny: Ringdesk nie może zapisywać połączeń.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free some disk space.</source>
        <translation>Zwolnij trochę miejsca na dysku.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The database is busy (another Ringdesk may be running).</source>
        <translation>Baza danych jest zajęta (być może działa inny Ringdesk).</translation>
    </message>
    <message>
        <location filename="../../app/providers/base.py" line="+69"/>
        <source>Cloud PBX offers no list of numbers to present: the caller ID is set in the PBX cabinet (a fixed one can be entered in the account settings).</source>
        <translation>Cloud PBX nie udostępnia listy numerów do prezentowania: numer dzwoniącego ustawia się w panelu centrali (stały można wpisać w ustawieniach konta).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cloud PBX has no SMS API.</source>
        <translation>Cloud PBX nie ma API do SMS-ów.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TeleDiscount does not ask who is calling: it routes by the users mapped in its cabinet; Ringdesk shows the name from its own contacts.</source>
        <translation>TeleDiscount nie pyta, kto dzwoni: kieruje połączenia według użytkowników przypisanych w swoim panelu; Ringdesk pokazuje nazwę z własnych kontaktów.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>TeleDiscount publishes no list of SIP accounts: enter yours in the account settings.</source>
        <translation>TeleDiscount nie udostępnia listy kont SIP: wpisz swoje w ustawieniach konta.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TeleDiscount does not let the caller pick the presented number.</source>
        <translation>TeleDiscount nie pozwala wybrać prezentowanego numeru.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TeleDiscount has no SMS API.</source>
        <translation>TeleDiscount nie ma API do SMS-ów.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TeleDiscount does not report who is online.</source>
        <translation>TeleDiscount nie informuje, kto jest dostępny.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TeleCube does not document webhooks: calls appear after the next history sync.</source>
        <translation>TeleCube nie dokumentuje webhooków: połączenia pojawiają się po następnej synchronizacji historii.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TeleCube does not ask who is calling; contacts are synced from the CCRM instead.</source>
        <translation>TeleCube nie pyta, kto dzwoni; zamiast tego kontakty są synchronizowane z CCRM.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TeleCube publishes no way to download recordings: play them in the TeleCube panel.</source>
        <translation>TeleCube nie udostępnia pobierania nagrań: odtwarzaj je w panelu TeleCube.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No one was named to ring first at account &apos;{account}&apos;: no call was placed.</source>
        <translation>Na koncie „{account}” nie wskazano, do kogo najpierw zadzwonić: połączenie nie zostało wykonane.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The agent needs their own identity at this account (PBX user, SIP account or extension).</source>
        <translation>Konsultant musi mieć na tym koncie własny identyfikator (użytkownika centrali, konto SIP lub numer wewnętrzny).</translation>
    </message>
    <message>
        <location filename="../../app/providers/hub/client.py" line="-443"/>
        <source>This computer&apos;s access to the hub was revoked or reset: ask for a new invite.</source>
        <translation>Dostęp tego komputera do serwera zespołu został cofnięty lub zresetowany: poproś o nowe zaproszenie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste the new join link with &apos;ringdesk join LINK&apos; or in Settings.</source>
        <translation>Wklej nowy link z zaproszeniem poleceniem „ringdesk join LINK” lub w Ustawieniach.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The team hub answers the providers&apos; questions itself.</source>
        <translation>Serwer zespołu sam odpowiada na zapytania dostawców.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team hub keeps the history: this desktop receives it over its connection.</source>
        <translation>Historię przechowuje serwer zespołu: ten komputer otrzymuje ją przez swoje połączenie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The team hub does not share the providers&apos; user lists.</source>
        <translation>Serwer zespołu nie udostępnia list użytkowników dostawców.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team hub dials with the number set for you there.</source>
        <translation>Serwer zespołu dzwoni z numeru ustawionego tam dla Ciebie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team hub does not send SMS.</source>
        <translation>Serwer zespołu nie wysyła SMS-ów.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team hub does not report who is online.</source>
        <translation>Serwer zespołu nie informuje, kto jest dostępny.</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>A desktop joined to a hub dials only as its own user.</source>
        <translation>Komputer dołączony do serwera zespołu dzwoni tylko jako własny użytkownik.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The hub has no recording of this call.</source>
        <translation>Serwer zespołu nie ma nagrania tego połączenia.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refusing to send the hub&apos;s token to {host}.</source>
        <translation>Odmowa wysłania tokenu serwera zespołu do {host}.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The connection to the hub was lost ({reason}).</source>
        <translation>Utracono połączenie z serwerem zespołu ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+122"/>
        <source>Ringdesk reconnects by itself.</source>
        <translation>Ringdesk połączy się ponownie automatycznie.</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>The hub&apos;s address is not usable ({reason}).</source>
        <translation>Adresu serwera zespołu nie da się użyć ({reason}).</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The hub does not let you do this.</source>
        <translation>Serwer zespołu nie pozwala Ci tego zrobić.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+23"/>
        <source>The hub refuses for a while: too many failed sign-ins from here.</source>
        <translation>Serwer zespołu chwilowo odmawia dostępu: zbyt wiele nieudanych logowań z tego komputera.</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>The hub refused the request (HTTP {status}){quoted}.</source>
        <translation>Serwer zespołu odrzucił zapytanie (HTTP {status}){quoted}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub is having trouble (HTTP {status}){quoted}.</source>
        <translation>Serwer zespołu ma problemy (HTTP {status}){quoted}.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+6"/>
        <source>The hub refused the connection (HTTP {status}): {reason}.</source>
        <translation>Serwer zespołu odrzucił połączenie (HTTP {status}): {reason}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The hub ({host}) did not answer in time.</source>
        <translation>Serwer zespołu ({host}) nie odpowiedział na czas.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot reach the hub at {host}: {reason}.</source>
        <translation>Nie można połączyć się z serwerem zespołu pod adresem {host}: {reason}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The hub answered something Ringdesk cannot read ({what}).</source>
        <translation>Serwer zespołu odpowiedział czymś, czego Ringdesk nie potrafi odczytać ({what}).</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Refusing to send the hub&apos;s token in clear to {url}: the hub must be an https:// address.</source>
        <translation>Odmowa wysłania tokenu serwera zespołu bez szyfrowania do {url}: adres serwera zespołu musi zaczynać się od https://.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask for a join link with https:// (e.g. the hub behind its TLS proxy) and join again.</source>
        <translation>Poproś o link z zaproszeniem zaczynający się od https:// (np. do serwera zespołu za jego proxy TLS) i dołącz ponownie.</translation>
    </message>
    <message>
        <location filename="../../app/services/notes.py" line="+22"/>
        <source>Ringdesk is not connected to the team hub yet: try again in a moment.</source>
        <translation>Ringdesk nie jest jeszcze połączony z serwerem zespołu: spróbuj ponownie za chwilę.</translation>
    </message>
    <message>
        <location filename="../../app/services/settings_apply.py" line="+115"/>
        <source>This is not a Ringdesk invite link.</source>
        <translation>To nie jest link z zaproszeniem do Ringdesk.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste the whole link your administrator sent, e.g. https://hub.example.com/join#rd1.…</source>
        <translation>Wklej cały link od administratora, np. https://hub.example.com/join#rd1.…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot keep the hub&apos;s token safely on this computer: no secure keyring.</source>
        <translation>Nie można bezpiecznie przechować tokenu serwera zespołu na tym komputerze: brak bezpiecznego magazynu haseł.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install and unlock a Secret Service (GNOME Keyring or KWallet), or set {variable} to the token and join again.</source>
        <translation>Zainstaluj i odblokuj usługę Secret Service (GNOME Keyring lub KWallet) albo ustaw token w zmiennej {variable} i dołącz ponownie.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/autostart.py" line="+28"/>
        <source>Turn on “Start at login” in Settings.</source>
        <translation>Włącz „Uruchamiaj Ringdesk po zalogowaniu” w Ustawieniach.</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+40"/>
        <location line="+40"/>
        <source>Ringdesk does not start at login.</source>
        <translation>Ringdesk nie uruchamia się po zalogowaniu.</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>The login entry {path} is switched off in the desktop&apos;s settings.</source>
        <translation>Wpis autostartu {path} jest wyłączony w ustawieniach pulpitu.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+33"/>
        <source>The login entry starts another copy of Ringdesk ({command}).</source>
        <translation>Wpis autostartu uruchamia inną kopię Ringdesk ({command}).</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+80"/>
        <source>Ringdesk starts at login, hidden in the tray ({path}).</source>
        <translation>Ringdesk uruchamia się po zalogowaniu, ukryty w zasobniku ({path}).</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Ringdesk starts at login, hidden in the tray.</source>
        <translation>Ringdesk uruchamia się po zalogowaniu, ukryty w zasobniku.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The login agent {path} is unreadable.</source>
        <translation>Nie można odczytać agenta autostartu {path}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The login agent starts another copy of Ringdesk ({path}).</source>
        <translation>Agent autostartu uruchamia inną kopię Ringdesk ({path}).</translation>
    </message>
    <message>
        <location filename="../../app/desktop/menu_entry.py" line="+80"/>
        <source>Ringdesk is not in the application menu.</source>
        <translation>Ringdesk nie ma w menu aplikacji.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/desktop/url_handlers.py" line="+100"/>
        <source>Run: ringdesk desktop install</source>
        <translation>Uruchom: ringdesk desktop install</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ringdesk is in the application menu ({path}).</source>
        <translation>Ringdesk jest w menu aplikacji ({path}).</translation>
    </message>
    <message>
        <location filename="../../app/desktop/url_handlers.py" line="-10"/>
        <source>Ringdesk is not registered for tel:, callto: and sip: links.</source>
        <translation>Ringdesk nie jest zarejestrowany do obsługi linków tel:, callto: i sip:.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+91"/>
        <source>Turn on “Open phone links with Ringdesk” in Settings, or run: ringdesk desktop install</source>
        <translation>Włącz „Otwieraj linki telefoniczne w Ringdesk” w Ustawieniach albo uruchom: ringdesk desktop install</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>The link handler {path} starts another copy of Ringdesk ({command}).</source>
        <translation>Program obsługi linków {path} uruchamia inną kopię Ringdesk ({command}).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Ringdesk is installed as a link handler but is not the default ({taken}).</source>
        <translation>Ringdesk jest zainstalowany jako program obsługi linków, ale nie jest domyślny ({taken}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run: ringdesk desktop install (or choose Ringdesk in your desktop&apos;s default apps)</source>
        <translation>Uruchom: ringdesk desktop install (albo wybierz Ringdesk w aplikacjach domyślnych pulpitu)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>tel:, callto: and sip: links open Ringdesk ({path}).</source>
        <translation>Linki tel:, callto: i sip: otwierają Ringdesk ({path}).</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Ringdesk is not registered for {schemes} links.</source>
        <translation>Ringdesk nie jest zarejestrowany do obsługi linków {schemes}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Windows opens some phone links with another app ({taken}).</source>
        <translation>Windows otwiera niektóre linki telefoniczne w innej aplikacji ({taken}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose Ringdesk in Settings › Apps › Default apps › Ringdesk.</source>
        <translation>Wybierz Ringdesk w Ustawienia › Aplikacje › Aplikacje domyślne › Ringdesk.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tel:, callto: and sip: links open Ringdesk.</source>
        <translation>Linki tel:, callto: i sip: otwierają Ringdesk.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Ringdesk is not running from an app bundle, so macOS cannot hand it phone links.</source>
        <translation>Ringdesk nie działa z pakietu aplikacji, więc macOS nie może przekazywać mu linków telefonicznych.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Install Ringdesk.app into Applications and start it from there.</source>
        <translation>Zainstaluj Ringdesk.app w folderze Aplikacje i uruchamiaj go stamtąd.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path} does not declare tel:, callto: and sip:.</source>
        <translation>{path} nie deklaruje obsługi tel:, callto: i sip:.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reinstall Ringdesk.app from the official build.</source>
        <translation>Zainstaluj ponownie Ringdesk.app z oficjalnego wydania.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>tel:, callto: and sip: links open Ringdesk (declared in the app bundle).</source>
        <translation>Linki tel:, callto: i sip: otwierają Ringdesk (zadeklarowane w pakiecie aplikacji).</translation>
    </message>
    <message>
        <location filename="../../app/providers/linkguard.py" line="+37"/>
        <source>Refusing to download the recording from {host}: its address {address} is not on the public internet, and the account&apos;s own address is not of that kind.</source>
        <translation>Odmowa pobrania nagrania z {host}: jego adres {address} nie należy do publicznego internetu, a własny adres konta nie jest tego rodzaju.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A recording link may lead into a local network only when the account&apos;s own address is in one (the sandbox, a PBX in the office). Check the link the provider sent.</source>
        <translation>Link do nagrania może prowadzić do sieci lokalnej tylko wtedy, gdy w takiej sieci jest też adres konta (piaskownica, centrala w biurze). Sprawdź link wysłany przez dostawcę.</translation>
    </message>
    <message>
        <location filename="../../app/store/opening.py" line="+78"/>
        <source>Another program kept the database {path} locked for {seconds} s: Ringdesk could not open it.</source>
        <translation>Inny program blokował bazę danych {path} przez {seconds} s: Ringdesk nie mógł jej otworzyć.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close the other program or Ringdesk using it, then start Ringdesk again.</source>
        <translation>Zamknij ten program lub inny Ringdesk, który z niej korzysta, a potem uruchom Ringdesk ponownie.</translation>
    </message>
    <message>
        <location filename="../../app/store/recovery.py" line="+78"/>
        <source>New calls are stored as usual. Keep the damaged file for your administrator: Ringdesk never writes to it.</source>
        <translation>Nowe połączenia są zapisywane jak zwykle. Zachowaj uszkodzony plik dla administratora: Ringdesk nigdy do niego nie zapisuje.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The database was damaged beyond reading. Ringdesk kept it as {damaged} and started a new, empty one.</source>
        <translation>Baza danych była uszkodzona tak, że nie dało się jej odczytać. Ringdesk zachował ją jako {damaged} i utworzył nową, pustą.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database was damaged. Ringdesk kept it as {damaged} and started a new one holding all it contained: {calls} calls, {contacts} contacts and {notes} notes.</source>
        <translation>Baza danych była uszkodzona. Ringdesk zachował ją jako {damaged} i utworzył nową z całą jej zawartością (połączenia: {calls}, kontakty: {contacts}, notatki: {notes}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database was damaged. Ringdesk kept it as {damaged} and started a new one with what could still be read: {calls} calls, {contacts} contacts and {notes} notes; some records were lost.</source>
        <translation>Baza danych była uszkodzona. Ringdesk zachował ją jako {damaged} i utworzył nową z tego, co dało się odczytać (połączenia: {calls}, kontakty: {contacts}, notatki: {notes}); część rekordów została utracona.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database was damaged. Ringdesk kept it as {damaged} and started a new one with what could still be read: {calls} calls, {contacts} contacts and {notes} notes; {lost} records were lost.</source>
        <translation>Baza danych była uszkodzona. Ringdesk zachował ją jako {damaged} i utworzył nową z tego, co dało się odczytać (połączenia: {calls}, kontakty: {contacts}, notatki: {notes}); utracone rekordy: {lost}.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The database {path} is damaged, and another program still has it open: it cannot be set aside.</source>
        <translation>Baza danych {path} jest uszkodzona, a inny program wciąż ma ją otwartą: nie można jej przenieść w inne miejsce.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop the other Ringdesk (or program) using it, then start again: Ringdesk will keep the damaged file and start a new one.</source>
        <translation>Zamknij inny Ringdesk (lub program), który z niej korzysta, i uruchom ponownie: Ringdesk zachowa uszkodzony plik i utworzy nowy.</translation>
    </message>
</context>
<context>
    <name>ProviderForm</name>
    <message>
        <location filename="../../app/ui/settings/providers.py" line="+53"/>
        <source>Cloud PBX (ITooLabs API: MegaFon, Gravitel, …)</source>
        <translation>Cloud PBX (API ITooLabs: MegaFon, Gravitel, …)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cloud PBX</source>
        <translation>Cloud PBX</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PBX address</source>
        <translation>Adres centrali</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+79"/>
        <source>PBX user</source>
        <translation>Użytkownik centrali</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Your login at the PBX: calls ring this user&apos;s phone first.</source>
        <translation>Twój login w centrali: połączenia najpierw dzwonią na telefon tego użytkownika.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>API key</source>
        <translation>Klucz API</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key for the API, from the PBX cabinet&apos;s CRM integration.</source>
        <translation>Klucz do API z integracji CRM w panelu centrali.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CRM key</source>
        <translation>Klucz CRM</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The key the PBX sends with every webhook. Generate one here and paste it into the cabinet beside the webhook URL.</source>
        <translation>Klucz, który centrala wysyła z każdym webhookiem. Wygeneruj go tutaj i wklej w panelu obok adresu URL webhooka.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+1"/>
        <source>TeleDiscount</source>
        <translation>TeleDiscount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API address</source>
        <translation>Adres API</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SIP account</source>
        <translation>Konto SIP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your SIP account: click-to-call rings it first.</source>
        <translation>Twoje konto SIP: click-to-call najpierw dzwoni na nie.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Integration key</source>
        <translation>Klucz integracji</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“КЛЮЧ ДЛЯ ИНТЕГРАЦИИ С CRM” from the TeleDiscount cabinet.</source>
        <translation>„КЛЮЧ ДЛЯ ИНТЕГРАЦИИ С CRM” z panelu TeleDiscount.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Webhook secret</source>
        <translation>Sekret webhooka</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part of the webhook URLs (TeleDiscount signs nothing, so the URL is the secret). Made automatically; a new one changes the URLs.</source>
        <translation>Część adresów URL webhooków (TeleDiscount niczego nie podpisuje, więc sekretem jest sam URL). Tworzony automatycznie; nowy zmienia adresy URL.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>TeleCube / CCRM</source>
        <translation>TeleCube / CCRM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TeleCube</source>
        <translation>TeleCube</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CCRM address</source>
        <translation>Adres CCRM</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extension</source>
        <translation>Numer wewnętrzny</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your internal number at the TeleCube PBX.</source>
        <translation>Twój numer wewnętrzny w centrali TeleCube.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CCRM API key</source>
        <translation>Klucz API CCRM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From CCRM: Settings › API.</source>
        <translation>Z CCRM: Ustawienia › API.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Panel API key</source>
        <translation>Klucz API panelu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the TeleCube panel (Integracja API); needed for click-to-call.</source>
        <translation>Z panelu TeleCube (Integracja API); potrzebny do click-to-call.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sandbox (simulated provider)</source>
        <translation>Piaskownica (symulowany dostawca)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox</source>
        <translation>Piaskownica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox address</source>
        <translation>Adres piaskownicy</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any agent of the sandbox&apos;s company.</source>
        <translation>Dowolny konsultant firmy z piaskownicy.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Team hub (your call centre&apos;s Ringdesk server)</source>
        <translation>Serwer zespołu (serwer Ringdesk Twojego call center)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team hub</source>
        <translation>Serwer zespołu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hub address</source>
        <translation>Adres serwera zespołu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Login</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your login at the hub, from your invite. The hub dials and sees calls as you.</source>
        <translation>Twój login na serwerze zespołu, z zaproszenia. Serwer zespołu dzwoni i widzi połączenia jako Ty.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Access token</source>
        <translation>Token dostępu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From your invite (the part after # in the join link). Your administrator makes a new one with “ringdesk users reset”.</source>
        <translation>Z zaproszenia (część linku z zaproszeniem po znaku #). Administrator tworzy nowy poleceniem „ringdesk users reset”.</translation>
    </message>
</context>
<context>
    <name>ReceiverPage</name>
    <message>
        <location filename="../../app/ui/settings/receiver.py" line="+48"/>
        <source>Certificate (PEM)</source>
        <translation>Certyfikat (PEM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key (PEM)</source>
        <translation>Klucz prywatny (PEM)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One network per line, e.g. 203.0.113.0/24 (empty: anyone)</source>
        <translation>Jedna sieć w wierszu, np. 203.0.113.0/24 (puste: wszyscy)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where Ringdesk listens</source>
        <translation>Gdzie Ringdesk nasłuchuje</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address and port</source>
        <translation>Adres i port</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS certificate</source>
        <translation>Certyfikat TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS key</source>
        <translation>Klucz TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allowed senders</source>
        <translation>Dozwoleni nadawcy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste these into each provider&apos;s cabinet</source>
        <translation>Wklej je w panelu każdego dostawcy</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose…</source>
        <translation>Wybierz…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Only this computer can reach it: providers on the internet need a tunnel or a public address.</source>
        <translation>Dostępny tylko z tego komputera: dostawcy z internetu potrzebują tunelu lub publicznego adresu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reachable from the network: restrict the senders below and use TLS.</source>
        <translation>Dostępny z sieci: ogranicz nadawców poniżej i użyj TLS.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Enter the address as HOST:PORT to see the URLs.</source>
        <translation>Wpisz adres jako HOST:PORT, aby zobaczyć adresy URL.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add an account first.</source>
        <translation>Najpierw dodaj konto.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Copy</source>
        <translation>Kopiuj</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>TeleCube sends no webhooks: its calls arrive with the history sync.</source>
        <translation>TeleCube nie wysyła webhooków: jego połączenia docierają z synchronizacją historii.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the settings to create this account&apos;s webhook secret and its URLs.</source>
        <translation>Zapisz ustawienia, aby utworzyć sekret webhooka tego konta i jego adresy URL.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First URL: “start of incoming call”; second: “end of call”. The URL is the secret: keep it private.</source>
        <translation>Pierwszy URL: „początek połączenia przychodzącego”; drugi: „koniec połączenia”. URL jest sekretem: nie udostępniaj go.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In the PBX cabinet&apos;s CRM integration: this URL, and the CRM key from the account.</source>
        <translation>W integracji CRM w panelu centrali: ten URL oraz klucz CRM z konta.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sandbox sends its webhooks here.</source>
        <translation>Tutaj piaskownica wysyła swoje webhooki.</translation>
    </message>
</context>
<context>
    <name>RecordingPlayer</name>
    <message>
        <location filename="../../app/ui/player/widget.py" line="+82"/>
        <location line="+327"/>
        <source>Play (Space)</source>
        <translation>Odtwórz (Spacja)</translation>
    </message>
    <message>
        <location line="-326"/>
        <source>Back 10 seconds (←)</source>
        <translation>10 sekund wstecz (←)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>−10 s</source>
        <translation>−10 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward 10 seconds (→)</source>
        <translation>10 sekund do przodu (→)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>+10 s</source>
        <translation>+10 s</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Position</source>
        <translation>Pozycja</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Playback speed</source>
        <translation>Prędkość odtwarzania</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mute</source>
        <translation>Wycisz</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Volume</source>
        <translation>Głośność</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the recording as…</source>
        <translation>Zapisz nagranie jako…</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+7"/>
        <source>Loading…</source>
        <translation>Wczytywanie…</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Save the recording</source>
        <translation>Zapisz nagranie</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not save the recording: %1</source>
        <translation>Nie udało się zapisać nagrania: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved to %1</source>
        <translation>Zapisano w %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The recording could not be fetched.</source>
        <translation>Nie udało się pobrać nagrania.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Pause (Space)</source>
        <translation>Pauza (Spacja)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Waiting for the rest of the recording…</source>
        <translation>Oczekiwanie na resztę nagrania…</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Cannot play this recording: %1</source>
        <translation>Nie można odtworzyć nagrania: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Playback is not available on this system (the audio libraries may be missing). You can still save the recording.</source>
        <translation>Odtwarzanie nie jest dostępne w tym systemie (może brakować bibliotek audio). Nagranie można nadal zapisać.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Downloading… %1 received</source>
        <translation>Pobieranie… odebrano %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading… %1 %</source>
        <translation>Pobieranie… %1 %</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Fetching the recording…</source>
        <translation>Pobieranie nagrania…</translation>
    </message>
    <message>
        <location filename="../../app/ui/player/offer.py" line="+43"/>
        <source>Press Space or ▶ to play the recording.</source>
        <translation>Naciśnij Spację lub ▶, aby odtworzyć nagranie.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings/dialog.py" line="+79"/>
        <source>Ringdesk settings</source>
        <translation>Ustawienia Ringdesk</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Accounts</source>
        <translation>Konta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Webhooks</source>
        <translation>Webhooki</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>Ogólne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call cards</source>
        <translation>Karty połączeń</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../app/ui/shell_dial.py" line="+46"/>
        <location line="+23"/>
        <source>Call not placed</source>
        <translation>Nie nawiązano połączenia</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Click-to-call is not available: no provider account can place calls.</source>
        <translation>Click-to-call jest niedostępne: żadne konto dostawcy nie może nawiązywać połączeń.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell_hotkey.py" line="+70"/>
        <source>Dial shortcut %1</source>
        <translation>Skrót wybierania %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Card shortcut %1</source>
        <translation>Skrót karty %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell_menu.py" line="+65"/>
        <source>Call a number…</source>
        <translation>Zadzwoń pod numer…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call %1 (clipboard)</source>
        <translation>Zadzwoń pod %1 (ze schowka)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>History…</source>
        <translation>Historia…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Do not disturb (no cards)</source>
        <translation>Nie przeszkadzać (bez kart)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click-to-call only</source>
        <translation>Tylko click-to-call</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Put cards back in the corner</source>
        <translation>Przywróć karty do rogu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>Ustawienia…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit Ringdesk</source>
        <translation>Zakończ Ringdesk</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recent calls</source>
        <translation>Ostatnie połączenia</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Call back</source>
        <translation>Oddzwoń</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy number</source>
        <translation>Kopiuj numer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in history</source>
        <translation>Pokaż w historii</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="+226"/>
        <source>Could not save the settings: %1</source>
        <translation>Nie udało się zapisać ustawień: %1</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../app/ui/tray.py" line="-61"/>
        <source>Connected</source>
        <translation>Połączono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some accounts have problems</source>
        <translation>Problemy z niektórymi kontami</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Brak połączenia</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n missed call(s)</source>
        <translation>
            <numerusform>%n nieodebrane połączenie</numerusform>
            <numerusform>%n nieodebrane połączenia</numerusform>
            <numerusform>%n nieodebranych połączeń</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message numerus="yes">
        <location filename="../../app/ui/shell_menu.py" line="-30"/>
        <source>Dismiss all cards (%n)</source>
        <translation>
            <numerusform>Zamknij wszystkie karty (%n)</numerusform>
            <numerusform>Zamknij wszystkie karty (%n)</numerusform>
            <numerusform>Zamknij wszystkie karty (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_QuickForm</name>
    <message>
        <location filename="../../app/ui/cards/forms.py" line="-75"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <location filename="../../app/ui/formatting.py" line="+81"/>
        <source>yesterday %1</source>
        <translation>wczoraj %1</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../app/ui/messages.py" line="+138"/>
        <source>Ringdesk: unexpected error</source>
        <translation>Ringdesk: nieoczekiwany błąd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something went wrong inside Ringdesk. Your calls and history are safe; the app keeps running.</source>
        <translation>W Ringdesk wystąpił błąd. Połączenia i historia są bezpieczne; aplikacja działa dalej.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Details were written to %1</source>
        <translation>Szczegóły zapisano w %1</translation>
    </message>
</context>
</TS>
