<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AccountEditor</name>
    <message>
        <location filename="../../app/ui/settings/accounts.py" line="+83"/>
        <source>A short name for this account: lower-case letters, digits, - and _.</source>
        <translation>Короткое имя учётной записи: строчные латинские буквы, цифры, - и _.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Office, Sales team</source>
        <translation>например, Офис, Отдел продаж</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use this account</source>
        <translation>Использовать эту учётную запись</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Provider</source>
        <translation>Провайдер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account ID</source>
        <translation>ID учётной записи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name</source>
        <translation>Отображаемое имя</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Who I am at this account</source>
        <translation>Кто я в этой учётной записи</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As set in the PBX (optional)</source>
        <translation>Как в АТС (необязательно)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Presented number</source>
        <translation>Исходящий номер</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TeleCube panel (click-to-call) and request budget</source>
        <translation>Панель TeleCube (click-to-call) и лимит запросов</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Panel address</source>
        <translation>Адрес панели</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Panel login</source>
        <translation>Логин панели</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests a day</source>
        <translation>Запросов в день</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests a billing period</source>
        <translation>Запросов за расчётный период</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keys</source>
        <translation>Ключи</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kept in the system keyring, never in the config file.</source>
        <translation>Хранятся в системном хранилище паролей, а не в файле настроек.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test connection</source>
        <translation>Проверить подключение</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Used %1 of %2 requests today and %3 of %4 this billing period.</source>
        <translation>Использовано сегодня %1 из %2 запросов, в этом расчётном периоде — %3 из %4.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Spent: requests resume %1.</source>
        <translation>Лимит исчерпан; запросы возобновятся: %1.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Stored — type to replace</source>
        <translation>Сохранён — введите новый для замены</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not set</source>
        <translation>Не задан</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Generate</source>
        <translation>Создать</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Or set the environment variable %1.</source>
        <translation>Или задайте переменную окружения %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Or the environment variable %1; in the keyring: %2.</source>
        <translation>Или переменная окружения %1; в хранилище паролей: %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Connected: the provider lists %n user(s).</source>
        <translation>
            <numerusform>Подключено: у провайдера %n пользователь.</numerusform>
            <numerusform>Подключено: у провайдера %n пользователя.</numerusform>
            <numerusform>Подключено: у провайдера %n пользователей.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Connected: %n call(s) in the last hour.</source>
        <translation>
            <numerusform>Подключено: %n вызов за последний час.</numerusform>
            <numerusform>Подключено: %n вызова за последний час.</numerusform>
            <numerusform>Подключено: %n вызовов за последний час.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected.</source>
        <translation>Подключено.</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <location line="+24"/>
        <source>No secure keyring was found. Install and unlock a Secret Service (GNOME Keyring or KWallet), or provide the keys as %1 environment variables.</source>
        <translation>Защищённое хранилище паролей не найдено. Установите и разблокируйте Secret Service (GNOME Keyring или KWallet) или задайте ключи в переменных окружения %1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add account</source>
        <translation>Добавить учётную запись</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No accounts yet. Add the account of your telephony provider to see incoming calls and call with a click.</source>
        <translation>Учётных записей пока нет. Добавьте учётную запись вашего провайдера телефонии, чтобы видеть входящие вызовы и звонить в один клик.</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Account ID “%1”: use lower-case letters, digits, - and _ (up to 32).</source>
        <translation>ID учётной записи «%1»: используйте строчные латинские буквы, цифры, - и _ (не более 32).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Account ID “%1” is used twice.</source>
        <translation>ID учётной записи «%1» используется дважды.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Asking the provider…</source>
        <translation>Запрос к провайдеру…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Test connection</source>
        <translation>Проверить подключение</translation>
    </message>
</context>
<context>
    <name>Audio</name>
    <message>
        <location filename="../../app/ui/media.py" line="+89"/>
        <source>Recordings cannot be played and the ring sound is off: the system library %1 is missing. Install %2 and start Ringdesk again.</source>
        <translation>Воспроизведение записей недоступно, звук звонка отключён: нет системной библиотеки %1. Установите %2 и перезапустите Ringdesk.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recordings cannot be played and the ring sound is off: the system library %1 is missing. Install the package that provides it and start Ringdesk again.</source>
        <translation>Воспроизведение записей недоступно, звук звонка отключён: нет системной библиотеки %1. Установите пакет, который её содержит, и перезапустите Ringdesk.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recordings cannot be played and the ring sound is off: Qt Multimedia cannot be loaded (%1).</source>
        <translation>Воспроизведение записей недоступно, звук звонка отключён: не удаётся загрузить Qt Multimedia (%1).</translation>
    </message>
</context>
<context>
    <name>CallAlerts</name>
    <message>
        <location filename="../../app/ui/alerts.py" line="+160"/>
        <source>Unknown number</source>
        <translation>Неизвестный номер</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Missed call: %1</source>
        <translation>Пропущенный вызов: %1</translation>
    </message>
</context>
<context>
    <name>CallCard</name>
    <message>
        <location filename="../../app/ui/cards/card.py" line="+232"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>All calls with this number</source>
        <translation>Все вызовы с этим номером</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;History</source>
        <translation>&amp;История</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a note</source>
        <translation>Добавить заметку</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Note</source>
        <translation>&amp;Заметка</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy number</source>
        <translation>Копировать номер</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Co&amp;py</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open in CRM</source>
        <translation>Открыть в CRM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>C&amp;RM</source>
        <translation>C&amp;RM</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Unknown caller</source>
        <translation>Неизвестный абонент</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hidden number</source>
        <translation>Скрытый номер</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Responsible: %1</source>
        <translation>Ответственный: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>LAST CALLS</source>
        <translation>ПОСЛЕДНИЕ ВЫЗОВЫ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>NOTES</source>
        <translation>ЗАМЕТКИ</translation>
    </message>
    <message>
        <location line="+155"/>
        <source>to %1</source>
        <translation>на %1</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Incoming call</source>
        <translation>Входящий вызов</translation>
    </message>
    <message>
        <location line="-239"/>
        <source>Create &amp;contact</source>
        <translation>&amp;Создать контакт</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Call &amp;back</source>
        <translation>&amp;Перезвонить</translation>
    </message>
    <message>
        <location line="+223"/>
        <source>%1 talking · %2</source>
        <translation>Разговор: %1 · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talking · %1</source>
        <translation>Разговор · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missed call</source>
        <translation>Пропущенный вызов</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered by %1</source>
        <translation>Принят: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a colleague</source>
        <translation>коллега</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call ended · %1</source>
        <translation>Вызов завершён · %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call ended</source>
        <translation>Вызов завершён</translation>
    </message>
</context>
<context>
    <name>CallDetailsDialog</name>
    <message>
        <location filename="../../app/ui/history/details.py" line="+62"/>
        <source>Call with %1</source>
        <translation>Вызов: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unknown</source>
        <translation>Неизвестный</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Call back</source>
        <translation>Перезвонить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call this number back</source>
        <translation>Перезвонить на этот номер</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy number</source>
        <translation>Копировать номер</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Press ▶ to play the recording.</source>
        <translation>Нажмите ▶, чтобы прослушать запись.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Write a note about this call (Ctrl+Enter adds it)</source>
        <translation>Заметка к этому вызову (Ctrl+Enter — добавить)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add note</source>
        <translation>Добавить заметку</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk time</source>
        <translation>Время разговора</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waited</source>
        <translation>Ожидание</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our line</source>
        <translation>Наша линия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>Учётная запись</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call ID</source>
        <translation>ID вызова</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No notes yet.</source>
        <translation>Заметок пока нет.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>earlier call</source>
        <translation>предыдущий вызов</translation>
    </message>
</context>
<context>
    <name>CallWords</name>
    <message>
        <location filename="../../app/ui/history/words.py" line="+17"/>
        <source>Outcome unknown</source>
        <translation>Результат неизвестен</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ringing</source>
        <translation>Звонит</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talking</source>
        <translation>Разговор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>Отвечен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>Пропущен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy</source>
        <translation>Занято</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unavailable</source>
        <translation>Недоступен</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barred</source>
        <translation>Запрещён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Отменён</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Сбой</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Incoming</source>
        <translation>Входящий</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outgoing</source>
        <translation>Исходящий</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Internal</source>
        <translation>Внутренний</translation>
    </message>
</context>
<context>
    <name>CardStack</name>
    <message>
        <location filename="../../app/ui/cards/stack.py" line="+500"/>
        <source>Number copied: %1</source>
        <translation>Номер скопирован: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not open the CRM link: %1</source>
        <translation>Не удалось открыть ссылку CRM: %1</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <location filename="../../app/ui/settings/general.py" line="+213"/>
        <source>Show a card for every incoming call</source>
        <translation>Показывать карточку каждого входящего вызова</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click-to-call only (no cards)</source>
        <translation>Только click-to-call (без карточек)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>s</source>
        <translation>с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep until closed</source>
        <translation>Не закрывать</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Play a sound when a card appears</source>
        <translation>Звуковой сигнал при появлении карточки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test</source>
        <translation>Проверить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play the ring once on this output</source>
        <translation>Проиграть звонок один раз на этом устройстве</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Put cards back in the corner</source>
        <translation>Вернуть карточки в угол</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cards</source>
        <translation>Карточки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close an ended call&apos;s card after</source>
        <translation>Закрывать карточку завершённого вызова через</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRM link</source>
        <translation>Ссылка CRM</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opened by the card&apos;s CRM button. Placeholders: {phone}, {name}, {call_id}, {line}.</source>
        <translation>Открывается кнопкой CRM на карточке. Подстановки: {phone}, {name}, {call_id}, {line}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ring on</source>
        <translation>Устройство звонка</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>System default output</source>
        <translation>Системное устройство по умолчанию</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The chosen device (not connected now)</source>
        <translation>Выбранное устройство (сейчас не подключено)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chosen device</source>
        <translation>Выбранное устройство</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No sound can play on this computer: Qt found no audio backend (install the system&apos;s PulseAudio and X RandR libraries).</source>
        <translation>На этом компьютере звук недоступен: Qt не нашёл аудиобэкенд (установите системные библиотеки PulseAudio и X RandR).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No audio output is connected now; the ring uses the system default as soon as there is one.</source>
        <translation>Сейчас не подключено ни одно аудиоустройство; звонок зазвучит через системное устройство по умолчанию, как только оно появится.</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../app/ui/cards/forms.py" line="+163"/>
        <source>Create contact</source>
        <translation>Создать контакт</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A name is needed</source>
        <translation>Укажите имя</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <location filename="../../app/ui/history/export.py" line="+65"/>
        <location line="+26"/>
        <source>Cannot write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
</context>
<context>
    <name>DesktopSession</name>
    <message>
        <location filename="../../app/ui/main.py" line="+94"/>
        <source>The webhook receiver could not start: %1</source>
        <translation>Не удалось запустить приёмник веб-хуков: %1</translation>
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
        <translation>Вызов %1 через %2, исходящий номер %3: сначала зазвонит ваш телефон.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calling %1 through %2: your phone rings first.</source>
        <translation>Вызов %1 через %2: сначала зазвонит ваш телефон.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The provider</source>
        <translation>Провайдер</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 did not accept the account&apos;s key or password, so no call was placed. Check them in Settings › Accounts.</source>
        <translation>%1 не принимает ключ или пароль учётной записи, поэтому вызов не выполнен. Проверьте их в разделе Настройки › Учётные записи.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 has reached its request limit, so no call was placed. Try again after %2.</source>
        <translation>%1: лимит запросов исчерпан, поэтому вызов не выполнен. Повторите попытку после %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has reached its request limit, so no call was placed. Try again later.</source>
        <translation>%1: лимит запросов исчерпан, поэтому вызов не выполнен. Повторите попытку позже.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be reached, so no call was placed. Try again in a minute.</source>
        <translation>%1 не отвечает, поэтому вызов не выполнен. Повторите попытку через минуту.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 refused this call, so no call was placed. Check the number; if it is right, check your user at this account in Settings › Accounts.</source>
        <translation>%1 отклоняет этот вызов, поэтому он не выполнен. Проверьте номер; если он верный, проверьте своего пользователя в этой учётной записи в разделе Настройки › Учётные записи.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Call a number</source>
        <translation>Набрать номер</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Number, e.g. +48 777 888 999</source>
        <translation>Номер, например +7 910 123-45-67</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number or name, e.g. +48 777 888 999</source>
        <translation>Номер или имя, например +7 910 123-45-67</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The number the client sees</source>
        <translation>Номер, который видит клиент</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Call</source>
        <translation>Позвонить</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call the number</source>
        <translation>Позвонить на этот номер</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Default number</source>
        <translation>Номер по умолчанию</translation>
    </message>
</context>
<context>
    <name>FallbackWindow</name>
    <message>
        <location filename="../../app/ui/tray.py" line="+263"/>
        <source>Menu</source>
        <translation>Меню</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Call a number…</source>
        <translation>Набрать номер…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>История</translation>
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
        <translation>Поиск по номеру или имени  (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incoming</source>
        <translation>Входящие</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outgoing</source>
        <translation>Исходящие</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>Пропущенные</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yesterday</source>
        <translation>Вчера</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates…</source>
        <translation>Период…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All agents</source>
        <translation>Все операторы</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All lines</source>
        <translation>Все линии</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/firstrun.py" line="+56"/>
        <location line="+11"/>
        <source>Welcome to Ringdesk</source>
        <translation>Добро пожаловать в Ringdesk</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Incoming-call cards, click-to-call and your call history with recordings, beside your softphone. Nothing is set up yet.</source>
        <translation>Карточки входящих вызовов, click-to-call и история вызовов с записями — рядом с вашим софтфоном. Пока ничего не настроено.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Join your team&apos;s hub</source>
        <translation>Присоединиться к серверу команды</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your call centre runs Ringdesk for everyone: paste the invite link you were sent.</source>
        <translation>Ваш колл-центр развернул Ringdesk для всех: вставьте ссылку-приглашение, которую вам прислали.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connect a provider account on this computer</source>
        <translation>Подключить учётную запись провайдера на этом компьютере</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For a one-person office: Cloud PBX (MegaFon, Gravitel, …), TeleDiscount or TeleCube, with your account and keys.</source>
        <translation>Для офиса из одного человека: Cloud PBX (МегаФон, Гравител, …), TeleDiscount или TeleCube, с вашей учётной записью и ключами.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Start the demo</source>
        <translation>Запустить демо</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>See cards, history and recordings at once, with simulated calls. Nothing leaves this computer.</source>
        <translation>Сразу посмотрите карточки, историю и записи на имитированных вызовах. Данные не покидают этот компьютер.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The demo could not be started. Run “ringdesk demo” from a terminal to see why.</source>
        <translation>Не удалось запустить демо. Выполните «ringdesk demo» в терминале, чтобы узнать причину.</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../../app/ui/settings/general.py" line="-232"/>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Agent — my own calls and recordings</source>
        <translation>Оператор — мои вызовы и записи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervisor — every call and recording</source>
        <translation>Супервайзер — все вызовы и записи</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start Ringdesk when I log in (in the tray)</source>
        <translation>Запускать Ringdesk при входе в систему (в трее)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open tel:, callto: and sip: links with Ringdesk</source>
        <translation>Открывать ссылки tel:, callto: и sip: в Ringdesk</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Create a contact for every unknown caller</source>
        <translation>Создавать контакт для каждого неизвестного абонента</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MB</source>
        <translation>МБ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Numbers without a country code are in</source>
        <translation>Страна номеров без кода страны</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used for numbers written like 8 910 123-45-67 or 777 888 999.</source>
        <translation>Для номеров вида 8 910 123-45-67 или 777 888 999.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Takes effect when Ringdesk starts again.</source>
        <translation>Вступит в силу после перезапуска Ringdesk.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>Запуск</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phone links</source>
        <translation>Телефонные ссылки</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dial shortcut</source>
        <translation>Горячая клавиша вызова</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contacts</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recordings cache</source>
        <translation>Кэш записей</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sound</source>
        <translation>Звук</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Press it in any application to call the selected number, or the one in the clipboard. Empty: no shortcut.</source>
        <translation>Нажмите её в любом приложении, чтобы позвонить на выделенный номер или номер из буфера обмена. Пусто — без горячей клавиши.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A global shortcut cannot work here. %1</source>
        <translation>Глобальная горячая клавиша здесь не работает. %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Dial shortcut: %1</source>
        <translation>Горячая клавиша вызова: %1</translation>
    </message>
</context>
<context>
    <name>GlobalDialShortcut</name>
    <message>
        <location filename="../../app/ui/hotkey.py" line="+52"/>
        <source>This is a Wayland desktop: Ringdesk only sees the keys while one of its windows has focus. Add a shortcut in your desktop&apos;s keyboard settings that runs: ringdesk call &quot;$(wl-paste --primary)&quot;</source>
        <translation>Это рабочий стол Wayland: Ringdesk видит клавиши, только когда одно из его окон в фокусе. Добавьте в настройках клавиатуры рабочего стола сочетание, которое запускает: ringdesk call &quot;$(wl-paste --primary)&quot;</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+200"/>
        <source>The X11 library (libX11) is missing.</source>
        <translation>Нет библиотеки X11 (libX11).</translation>
    </message>
    <message>
        <location line="-194"/>
        <source>Wayland does not let applications grab keys for the whole desktop. Add a shortcut in your desktop&apos;s keyboard settings that runs: ringdesk call &quot;$(wl-paste --primary)&quot;</source>
        <translation>Wayland не позволяет приложениям перехватывать клавиши для всего рабочего стола. Добавьте в настройках клавиатуры рабочего стола сочетание, которое запускает: ringdesk call &quot;$(wl-paste --primary)&quot;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not available on macOS yet: use a Services or Shortcuts action that runs ringdesk call with the selected text.</source>
        <translation>На macOS пока недоступно: используйте действие «Службы» или «Быстрые команды», которое запускает ringdesk call с выделенным текстом.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No desktop keyboard here (Qt platform &apos;%1&apos;).</source>
        <translation>Здесь нет клавиатуры рабочего стола (платформа Qt &apos;%1&apos;).</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>No shortcut given.</source>
        <translation>Сочетание клавиш не задано.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unknown modifier %1 in “%2”.</source>
        <translation>Неизвестный модификатор %1 в «%2».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“%1” needs Ctrl, Alt, Shift or Meta: a bare key would stop working everywhere.</source>
        <translation>«%1» требует Ctrl, Alt, Shift или Meta: одиночная клавиша перестала бы работать везде.</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Cannot connect to the X display.</source>
        <translation>Не удаётся подключиться к дисплею X.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The key “%1” does not exist on this keyboard.</source>
        <translation>Клавиши «%1» нет на этой клавиатуре.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 is already used by another application: choose another shortcut.</source>
        <translation>%1 уже используется другим приложением: выберите другое сочетание.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The X server refused the shortcut %1.</source>
        <translation>X-сервер отклонил сочетание %1.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>This shortcut is already used by another application: choose another one.</source>
        <translation>Это сочетание уже используется другим приложением: выберите другое.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The key “%1” cannot be used for a Windows hot key.</source>
        <translation>Клавишу «%1» нельзя использовать для глобального сочетания Windows.</translation>
    </message>
</context>
<context>
    <name>HealthWatch</name>
    <message>
        <location filename="../../app/ui/health.py" line="+90"/>
        <source>No account yet</source>
        <translation>Нет учётной записи</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not receiving calls</source>
        <translation>Приём вызовов не работает</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receiving calls</source>
        <translation>Приём вызовов работает</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not connected to the team hub</source>
        <translation>Нет подключения к серверу команды</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connected to the team hub since %1</source>
        <translation>Подключено к серверу команды с %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not connected to the team hub since %1</source>
        <translation>Нет подключения к серверу команды с %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(trying again)</source>
        <translation>(повторная попытка)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>history sync failed: %1</source>
        <translation>ошибка синхронизации истории: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>TeleCube&apos;s daily limit is used up: calls and history through it pause until %1</source>
        <translation>Дневной лимит TeleCube исчерпан: вызовы и история через TeleCube приостановлены до %1</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>…and %n more account(s) with problems</source>
        <translation>
            <numerusform>…и ещё %n учётная запись с проблемами</numerusform>
            <numerusform>…и ещё %n учётные записи с проблемами</numerusform>
            <numerusform>…и ещё %n учётных записей с проблемами</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../app/ui/history/model.py" line="+242"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line</source>
        <translation>Линия</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk</source>
        <translation>Разговор</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait</source>
        <translation>Ожидание</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Has a recording</source>
        <translation>Есть запись</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <location filename="../../app/ui/history/window.py" line="+71"/>
        <source>Call history — Ringdesk</source>
        <translation>История вызовов — Ringdesk</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Showing every call: tell Ringdesk who you are at each account (Settings › Accounts) to see only your own.</source>
        <translation>Показаны все вызовы: чтобы видеть только свои, укажите, кто вы в каждой учётной записи (Настройки › Учётные записи).</translation>
    </message>
    <message>
        <location filename="../../app/ui/history/actions.py" line="+89"/>
        <location filename="../../app/ui/history/window.py" line="+14"/>
        <source>Select a call with a recording to play it.</source>
        <translation>Выберите вызов с записью, чтобы прослушать её.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history/window.py" line="+7"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+228"/>
        <source>Call back</source>
        <translation>Перезвонить</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>Call this number back</source>
        <translation>Перезвонить на этот номер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details and notes (Enter)</source>
        <translation>Подробности и заметки (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>Экспорт в CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every call of the current view as CSV</source>
        <translation>Сохранить все показанные вызовы в файл CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark missed calls as seen</source>
        <translation>Отметить пропущенные как просмотренные</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the missed-calls badge of the tray</source>
        <translation>Убрать счётчик пропущенных вызовов со значка в трее</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>%1 calls loaded</source>
        <translation>Загружено вызовов: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More than %1 calls</source>
        <translation>Более %1 вызовов</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 call</source>
        <translation>1 вызов</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 calls</source>
        <translation>Вызовов: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+81"/>
        <source>%n new call(s) above — show</source>
        <translation>
            <numerusform>%n новый вызов выше — показать</numerusform>
            <numerusform>%n новых вызова выше — показать</numerusform>
            <numerusform>%n новых вызовов выше — показать</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/history/widgets.py" line="+149"/>
        <source>No calls yet</source>
        <translation>Вызовов пока нет</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls appear here as they ring, and after each sync.</source>
        <translation>Вызовы появляются здесь сразу при звонке и после каждой синхронизации.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No calls match</source>
        <translation>Нет подходящих вызовов</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the search and filters</source>
        <translation>Сбросить поиск и фильтры</translation>
    </message>
    <message>
        <location filename="../../app/ui/history/actions.py" line="+2"/>
        <source>This call has no recording.</source>
        <translation>У этого вызова нет записи.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history/window.py" line="+54"/>
        <source>Details and notes</source>
        <translation>Подробности и заметки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy number</source>
        <translation>Копировать номер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All calls with this number</source>
        <translation>Все вызовы с этим номером</translation>
    </message>
    <message>
        <location filename="../../app/ui/history/actions.py" line="-31"/>
        <source>Calling %1… your phone rings first.</source>
        <translation>Вызов %1… сначала зазвонит ваш телефон.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Export the calls as CSV</source>
        <translation>Экспорт вызовов в CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting… %1 calls written</source>
        <translation>Экспорт… записано вызовов: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Exported %1 calls to %2</source>
        <translation>Экспортировано в %2 (вызовов: %1)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Export cancelled.</source>
        <translation>Экспорт отменён.</translation>
    </message>
</context>
<context>
    <name>JoinHubDialog</name>
    <message>
        <location filename="../../app/ui/join.py" line="+36"/>
        <source>Join your team&apos;s hub</source>
        <translation>Присоединиться к серверу команды</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paste the invite link your administrator sent you. It looks like https://hub.example.com/join#rd1.… and is meant for you alone.</source>
        <translation>Вставьте ссылку-приглашение, которую прислал администратор. Она выглядит как https://hub.example.com/join#rd1.… и предназначена только для вас.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Join</source>
        <translation>Присоединиться</translation>
    </message>
</context>
<context>
    <name>MissedCallNotifier</name>
    <message>
        <location filename="../../app/ui/notify.py" line="+152"/>
        <source>Missed call</source>
        <translation>Пропущенный вызов</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
</context>
<context>
    <name>MoreCard</name>
    <message numerus="yes">
        <location filename="../../app/ui/cards/stack.py" line="-407"/>
        <source>%n more calls</source>
        <translation>
            <numerusform>Ещё %n вызов</numerusform>
            <numerusform>Ещё %n вызова</numerusform>
            <numerusform>Ещё %n вызовов</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the call history</source>
        <translation>Открыть историю вызовов</translation>
    </message>
</context>
<context>
    <name>NoteForm</name>
    <message>
        <location filename="../../app/ui/cards/forms.py" line="-45"/>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What was the call about? (Ctrl+Enter saves)</source>
        <translation>О чём был разговор? (Ctrl+Enter — сохранить)</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <location filename="../../app/config/secrets.py" line="+223"/>
        <source>Account &apos;{account}&apos; has no &apos;{name}&apos; secret.</source>
        <translation>У учётной записи «{account}» нет секрета «{name}».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set it in Settings › Accounts, or as the environment variable {variable}.</source>
        <translation>Задайте его в разделе Настройки › Учётные записи или в переменной окружения {variable}.</translation>
    </message>
    <message>
        <location filename="../../app/core/errors.py" line="+38"/>
        <source>“{number}” is not a phone number Ringdesk can dial.</source>
        <translation>«{number}» — не номер телефона, который Ringdesk может набрать.</translation>
    </message>
    <message>
        <location filename="../../app/providers/cloudpbx/client.py" line="+45"/>
        <source>Check the API key (token) in the PBX cabinet&apos;s CRM integration page and in Settings › Accounts.</source>
        <translation>Проверьте ключ API (токен) на странице интеграции с CRM в кабинете АТС и в разделе Настройки › Учётные записи.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use your PBX&apos;s own address, e.g. https://&lt;company&gt;.megapbx.ru, in Settings › Accounts.</source>
        <translation>Укажите собственный адрес вашей АТС, например https://&lt;company&gt;.megapbx.ru, в разделе Настройки › Учётные записи.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>The account has no PBX user to ring first.</source>
        <translation>У учётной записи нет пользователя АТС, которому звонить первым.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter yours (e.g. andy) as &apos;user&apos; in Settings › Accounts.</source>
        <translation>Укажите своего (например, andy) как «user» в разделе Настройки › Учётные записи.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>This call has no recording link.</source>
        <translation>У этого звонка нет ссылки на запись.</translation>
    </message>
    <message>
        <location filename="../../app/providers/http.py" line="+82"/>
        <location filename="../../app/providers/hub/client.py" line="+465"/>
        <location line="+37"/>
        <source>Ringdesk will try again later.</source>
        <translation>Ringdesk попробует ещё раз позже.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Check the account&apos;s address in Settings › Accounts.</source>
        <translation>Проверьте адрес учётной записи в разделе Настройки › Учётные записи.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>{provider} redirected the request to {target}: the address (domain) of the account is probably wrong.</source>
        <translation>{provider} перенаправил запрос на {target}: вероятно, адрес (домен) учётной записи указан неверно.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{provider} refused the credentials{quoted}.</source>
        <translation>{provider} отклонил учётные данные{quoted}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{provider} says its request limit is reached{quoted}.</source>
        <translation>{provider} сообщает, что лимит запросов исчерпан{quoted}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{provider} rejected the request (HTTP {status}){quoted}.</source>
        <translation>{provider} отклонил запрос (HTTP {status}){quoted}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{provider} is having trouble (HTTP {status}){quoted}.</source>
        <translation>У {provider} неполадки (HTTP {status}){quoted}.</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>{provider} ({host}) did not answer in time.</source>
        <translation>{provider} ({host}) не ответил вовремя.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot reach {provider} at {host}: {reason}.</source>
        <translation>Не удаётся связаться с {provider} по адресу {host}: {reason}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/providers/hub/client.py" line="+6"/>
        <source>Check the network connection.</source>
        <translation>Проверьте подключение к сети.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{provider}: the account&apos;s address, or the address it redirected to, is not usable ({reason}).</source>
        <translation>{provider}: адрес учётной записи или адрес, на который произошло перенаправление, непригоден ({reason}).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{provider} answered something that is not JSON.</source>
        <translation>{provider} ответил не в формате JSON.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{provider}: too many redirects for {url}.</source>
        <translation>{provider}: слишком много перенаправлений для {url}.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Refusing to download {url}: only http(s) links are followed.</source>
        <translation>Отказ загружать {url}: поддерживаются только ссылки http(s).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refusing to download from {host}: it is neither the provider&apos;s host nor the host the provider named.</source>
        <translation>Отказ загружать с {host}: это не сервер провайдера и не сервер, который он указал.</translation>
    </message>
    <message>
        <location filename="../../app/providers/telecube/client.py" line="+39"/>
        <source>The API key is wrong, this computer&apos;s IP address is not on the allow-list, or the API service is off (TeleCube panel › Rozbudowa Centrali › Integracja API).</source>
        <translation>Ключ API неверен, IP-адреса этого компьютера нет в списке разрешённых или служба API выключена (панель TeleCube › Rozbudowa Centrali › Integracja API).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>TeleCube allows 1,000 API requests a day and 20,000 a billing period.</source>
        <translation>TeleCube разрешает 1000 запросов API в день и 20 000 за расчётный период.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>TeleCube refused {request}: “{reason}”.</source>
        <translation>TeleCube отклонил {request}: «{reason}».</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Click-to-call through TeleCube needs the panel login and your extension.</source>
        <translation>Для звонков через TeleCube нужны логин панели и ваш внутренний номер.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter &apos;login&apos; and &apos;user&apos; (extension) in Settings › Accounts.</source>
        <translation>Укажите «login» и «user» (внутренний номер) в разделе Настройки › Учётные записи.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>TeleCube did not place the call: “{reason}”.</source>
        <translation>TeleCube не совершил звонок: «{reason}».</translation>
    </message>
    <message>
        <location filename="../../app/providers/telediscount/client.py" line="+32"/>
        <source>Check the key shown in the TeleDiscount cabinet as «КЛЮЧ ДЛЯ ИНТЕГРАЦИИ С CRM» (Settings › Accounts › api_key).</source>
        <translation>Проверьте ключ, указанный в кабинете TeleDiscount как «КЛЮЧ ДЛЯ ИНТЕГРАЦИИ С CRM» (Настройки › Учётные записи › api_key).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>TeleDiscount refused {request}: “{reason}”.</source>
        <translation>TeleDiscount отклонил {request}: «{reason}».</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The account has no SIP account to ring first.</source>
        <translation>У учётной записи нет SIP-аккаунта, на который звонить первым.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter yours (e.g. SIP/00000000672) as &apos;user&apos; in Settings › Accounts.</source>
        <translation>Укажите свой (например, SIP/00000000672) как «user» в разделе Настройки › Учётные записи.</translation>
    </message>
    <message>
        <location filename="../../app/services/budget.py" line="+69"/>
        <source>The TeleCube request budget is spent ({today} of {daily} today, {period} of {period_limit} this period): Ringdesk resumes at {when}.</source>
        <translation>Лимит запросов TeleCube исчерпан ({today} из {daily} сегодня, {period} из {period_limit} за период): Ringdesk продолжит в {when}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Calls made meanwhile appear after the next history sync.</source>
        <translation>Звонки за это время появятся после следующей синхронизации истории.</translation>
    </message>
    <message>
        <location filename="../../app/services/dialer.py" line="+48"/>
        <source>Calling {number} through {account}: your phone rings first.</source>
        <translation>Вызов {number} через {account}: сначала зазвонит ваш телефон.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calling {number} through {account}: your phone rings first, presenting {caller_id}.</source>
        <translation>Вызов {number} через {account}: сначала зазвонит ваш телефон, исходящий номер {caller_id}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Numbers without a country code are read as numbers of {region} (+{code}), the region set in Settings › General (region under [general] in config.toml). Write it with its country code, or change the region there.</source>
        <translation>Номера без кода страны считаются номерами региона {region} (+{code}), заданного в разделе Настройки › Общие (region в секции [general] файла config.toml). Укажите номер с кодом страны или измените там регион.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Numbers without a country code are read as numbers of {region} (+{code}), the country of the system locale {locale}. Write it with its country code, or change the region in Settings › General (region under [general] in config.toml).</source>
        <translation>Номера без кода страны считаются номерами региона {region} (+{code}) — страны системной локали {locale}. Укажите номер с кодом страны или измените регион в разделе Настройки › Общие (region в секции [general] файла config.toml).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Numbers without a country code are read as numbers of {region} (+{code}), because no region is set and the system locale {locale} names no country. Write it with its country code, or set the region in Settings › General (region under [general] in config.toml).</source>
        <translation>Номера без кода страны считаются номерами региона {region} (+{code}), так как регион не задан, а системная локаль {locale} не указывает страну. Укажите номер с кодом страны или задайте регион в разделе Настройки › Общие (region в секции [general] файла config.toml).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Numbers without a country code are read as numbers of {line_region} (+{line_code}), the country of the line {line}, else of {region} (+{code}). Write it with its country code, or change the region in Settings › General (region under [general] in config.toml).</source>
        <translation>Номера без кода страны считаются номерами региона {line_region} (+{line_code}) — страны линии {line}, в остальных случаях — региона {region} (+{code}). Укажите номер с кодом страны или измените регион в разделе Настройки › Общие (region в секции [general] файла config.toml).</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>No account can place calls.</source>
        <translation>Ни одна учётная запись не может совершать звонки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a provider account in Settings › Accounts.</source>
        <translation>Добавьте учётную запись провайдера в разделе Настройки › Учётные записи.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The account &apos;{account}&apos; cannot reach its provider: its API key is missing.</source>
        <translation>Учётная запись «{account}» не может связаться с провайдером: нет ключа API.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter it in Settings › Accounts.</source>
        <translation>Укажите его в разделе Настройки › Учётные записи.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>“{number}” is not a number that can be presented as caller ID.</source>
        <translation>«{number}» — не номер, который можно показывать как номер звонящего.</translation>
    </message>
    <message>
        <location filename="../../app/services/recordings.py" line="+53"/>
        <source>The link may lead to a web page or may have expired.</source>
        <translation>Возможно, ссылка ведёт на веб-страницу или уже устарела.</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Agents may play the recordings of their own calls only.</source>
        <translation>Операторы могут прослушивать записи только своих звонков.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A supervisor role (Settings › General) gives access to all recordings.</source>
        <translation>Роль супервайзера (Настройки › Общие) даёт доступ ко всем записям.</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>The recording is not available yet.</source>
        <translation>Запись пока недоступна.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The provider may still be writing it; try again in a few minutes.</source>
        <translation>Возможно, провайдер ещё сохраняет её; попробуйте через несколько минут.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Cannot write the recording to {folder}: {reason}</source>
        <translation>Не удаётся сохранить запись в {folder}: {reason}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The recording link did not say what it sent, so Ringdesk did not keep it.</source>
        <translation>Ссылка на запись не сообщила тип переданных данных, поэтому Ringdesk их не сохранил.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The recording link answered with “{media_type}”, not with audio, so Ringdesk did not keep it.</source>
        <translation>Ссылка на запись вернула «{media_type}», а не аудио, поэтому Ringdesk не сохранил ответ.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The recording came too slowly ({kib} KiB in {seconds} s), so Ringdesk stopped the download.</source>
        <translation>Запись загружалась слишком медленно ({kib} KiB за {seconds} с), поэтому Ringdesk прервал загрузку.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The provider&apos;s file server or the network is very slow; try again later.</source>
        <translation>Файловый сервер провайдера или сеть работают очень медленно; попробуйте позже.</translation>
    </message>
    <message>
        <location filename="../../app/services/sync.py" line="+217"/>
        <source>History sync stopped on an unexpected error ({error}); it will retry. Details are in the log.</source>
        <translation>Синхронизация истории остановилась из-за непредвиденной ошибки ({error}); она будет повторена. Подробности в журнале.</translation>
    </message>
    <message>
        <location filename="../../app/store/db.py" line="+92"/>
        <source>Ringdesk needs SQLite {needed} or newer; this Python has {found}.</source>
        <translation>Ringdesk нужен SQLite {needed} или новее; в этом Python — {found}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install a newer Python (or its sqlite3 module).</source>
        <translation>Установите более новый Python (или его модуль sqlite3).</translation>
    </message>
    <message>
        <location line="+325"/>
        <source>The disk failed to write (I/O error): Ringdesk cannot save calls.</source>
        <translation>Ошибка записи на диск (ошибка ввода-вывода): Ringdesk не может сохранять звонки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the disk&apos;s free space and health; the system log may say more.</source>
        <translation>Проверьте свободное место и состояние диска; подробности могут быть в системном журнале.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database is read-only or not writable: Ringdesk cannot save calls.</source>
        <translation>База данных доступна только для чтения или закрыта для записи: Ringdesk не может сохранять звонки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that this user may write to Ringdesk&apos;s data folder.</source>
        <translation>Проверьте, есть ли у этого пользователя право записи в папку данных Ringdesk.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Try again in a moment.</source>
        <translation>Попробуйте ещё раз чуть позже.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database is damaged: Ringdesk cannot save calls.</source>
        <translation>База данных повреждена: Ringdesk не может сохранять звонки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore it from a backup, or move it aside to start afresh.</source>
        <translation>Восстановите её из резервной копии или переместите, чтобы начать заново.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database was written by a newer Ringdesk (schema {schema}, this one knows {latest}).</source>
        <translation>База данных записана более новой версией Ringdesk (схема {schema}, эта версия знает {latest}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Update Ringdesk, or move the database aside to start afresh.</source>
        <translation>Обновите Ringdesk или переместите базу данных, чтобы начать заново.</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>The disk is full: Ringdesk cannot save calls.</source>
        <translation>Диск заполнен: Ringdesk не может сохранять звонки.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free some disk space.</source>
        <translation>Освободите место на диске.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The database is busy (another Ringdesk may be running).</source>
        <translation>База данных занята (возможно, запущен другой Ringdesk).</translation>
    </message>
    <message>
        <location filename="../../app/providers/base.py" line="+69"/>
        <source>Cloud PBX offers no list of numbers to present: the caller ID is set in the PBX cabinet (a fixed one can be entered in the account settings).</source>
        <translation>Cloud PBX не даёт списка номеров для показа: номер звонящего задаётся в кабинете АТС (постоянный можно указать в настройках учётной записи).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cloud PBX has no SMS API.</source>
        <translation>У Cloud PBX нет API для SMS.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TeleDiscount does not ask who is calling: it routes by the users mapped in its cabinet; Ringdesk shows the name from its own contacts.</source>
        <translation>TeleDiscount не спрашивает, кто звонит: он направляет звонки по пользователям, сопоставленным в кабинете; Ringdesk показывает имя из своих контактов.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>TeleDiscount publishes no list of SIP accounts: enter yours in the account settings.</source>
        <translation>TeleDiscount не публикует список SIP-аккаунтов: укажите свой в настройках учётной записи.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TeleDiscount does not let the caller pick the presented number.</source>
        <translation>TeleDiscount не позволяет выбрать показываемый номер.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TeleDiscount has no SMS API.</source>
        <translation>У TeleDiscount нет API для SMS.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TeleDiscount does not report who is online.</source>
        <translation>TeleDiscount не сообщает, кто в сети.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TeleCube does not document webhooks: calls appear after the next history sync.</source>
        <translation>TeleCube не документирует вебхуки: звонки появляются после следующей синхронизации истории.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TeleCube does not ask who is calling; contacts are synced from the CCRM instead.</source>
        <translation>TeleCube не спрашивает, кто звонит; вместо этого контакты синхронизируются из CCRM.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TeleCube publishes no way to download recordings: play them in the TeleCube panel.</source>
        <translation>TeleCube не даёт скачивать записи: прослушивайте их в панели TeleCube.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No one was named to ring first at account &apos;{account}&apos;: no call was placed.</source>
        <translation>В учётной записи «{account}» не указано, кому звонить первым: звонок не совершён.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The agent needs their own identity at this account (PBX user, SIP account or extension).</source>
        <translation>Оператору нужен собственный идентификатор в этой учётной записи (пользователь АТС, SIP-аккаунт или внутренний номер).</translation>
    </message>
    <message>
        <location filename="../../app/providers/hub/client.py" line="-443"/>
        <source>This computer&apos;s access to the hub was revoked or reset: ask for a new invite.</source>
        <translation>Доступ этого компьютера к серверу команды отозван или сброшен: запросите новое приглашение.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste the new join link with &apos;ringdesk join LINK&apos; or in Settings.</source>
        <translation>Вставьте новую ссылку-приглашение командой «ringdesk join LINK» или в Настройках.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The team hub answers the providers&apos; questions itself.</source>
        <translation>Сервер команды сам отвечает на запросы провайдеров.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team hub keeps the history: this desktop receives it over its connection.</source>
        <translation>Историю хранит сервер команды: этот компьютер получает её через своё подключение.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The team hub does not share the providers&apos; user lists.</source>
        <translation>Сервер команды не передаёт списки пользователей провайдеров.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team hub dials with the number set for you there.</source>
        <translation>Сервер команды звонит с номера, заданного там для вас.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team hub does not send SMS.</source>
        <translation>Сервер команды не отправляет SMS.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team hub does not report who is online.</source>
        <translation>Сервер команды не сообщает, кто в сети.</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>A desktop joined to a hub dials only as its own user.</source>
        <translation>Компьютер, присоединённый к серверу команды, звонит только от имени своего пользователя.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The hub has no recording of this call.</source>
        <translation>На сервере команды нет записи этого звонка.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refusing to send the hub&apos;s token to {host}.</source>
        <translation>Отказ отправлять токен сервера команды на {host}.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The connection to the hub was lost ({reason}).</source>
        <translation>Соединение с сервером команды потеряно ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+122"/>
        <source>Ringdesk reconnects by itself.</source>
        <translation>Ringdesk переподключится автоматически.</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>The hub&apos;s address is not usable ({reason}).</source>
        <translation>Адрес сервера команды непригоден ({reason}).</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The hub does not let you do this.</source>
        <translation>Сервер команды не разрешает вам это сделать.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+23"/>
        <source>The hub refuses for a while: too many failed sign-ins from here.</source>
        <translation>Сервер команды временно отказывает: слишком много неудачных попыток входа с этого компьютера.</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>The hub refused the request (HTTP {status}){quoted}.</source>
        <translation>Сервер команды отклонил запрос (HTTP {status}){quoted}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub is having trouble (HTTP {status}){quoted}.</source>
        <translation>У сервера команды неполадки (HTTP {status}){quoted}.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+6"/>
        <source>The hub refused the connection (HTTP {status}): {reason}.</source>
        <translation>Сервер команды отклонил подключение (HTTP {status}): {reason}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The hub ({host}) did not answer in time.</source>
        <translation>Сервер команды ({host}) не ответил вовремя.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot reach the hub at {host}: {reason}.</source>
        <translation>Не удаётся связаться с сервером команды по адресу {host}: {reason}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The hub answered something Ringdesk cannot read ({what}).</source>
        <translation>Сервер команды прислал ответ, который Ringdesk не может прочитать ({what}).</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Refusing to send the hub&apos;s token in clear to {url}: the hub must be an https:// address.</source>
        <translation>Отказ отправлять токен сервера команды в открытом виде на {url}: адрес сервера команды должен начинаться с https://.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask for a join link with https:// (e.g. the hub behind its TLS proxy) and join again.</source>
        <translation>Запросите ссылку-приглашение с https:// (например, на сервер команды за его TLS-прокси) и присоединитесь заново.</translation>
    </message>
    <message>
        <location filename="../../app/services/notes.py" line="+22"/>
        <source>Ringdesk is not connected to the team hub yet: try again in a moment.</source>
        <translation>Ringdesk ещё не подключён к серверу команды: попробуйте ещё раз чуть позже.</translation>
    </message>
    <message>
        <location filename="../../app/services/settings_apply.py" line="+115"/>
        <source>This is not a Ringdesk invite link.</source>
        <translation>Это не ссылка-приглашение Ringdesk.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste the whole link your administrator sent, e.g. https://hub.example.com/join#rd1.…</source>
        <translation>Вставьте ссылку от администратора целиком, например https://hub.example.com/join#rd1.…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot keep the hub&apos;s token safely on this computer: no secure keyring.</source>
        <translation>Не удаётся надёжно сохранить токен сервера команды на этом компьютере: нет защищённого хранилища паролей.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install and unlock a Secret Service (GNOME Keyring or KWallet), or set {variable} to the token and join again.</source>
        <translation>Установите и разблокируйте Secret Service (GNOME Keyring или KWallet) или задайте токен в переменной {variable} и присоединитесь заново.</translation>
    </message>
    <message>
        <location filename="../../app/desktop/autostart.py" line="+28"/>
        <source>Turn on “Start at login” in Settings.</source>
        <translation>Включите «Запускать Ringdesk при входе в систему» в Настройках.</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+40"/>
        <location line="+40"/>
        <source>Ringdesk does not start at login.</source>
        <translation>Ringdesk не запускается при входе в систему.</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>The login entry {path} is switched off in the desktop&apos;s settings.</source>
        <translation>Элемент автозапуска {path} отключён в настройках рабочего стола.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+33"/>
        <source>The login entry starts another copy of Ringdesk ({command}).</source>
        <translation>Элемент автозапуска запускает другую копию Ringdesk ({command}).</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+80"/>
        <source>Ringdesk starts at login, hidden in the tray ({path}).</source>
        <translation>Ringdesk запускается при входе в систему и остаётся в трее ({path}).</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Ringdesk starts at login, hidden in the tray.</source>
        <translation>Ringdesk запускается при входе в систему и остаётся в трее.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The login agent {path} is unreadable.</source>
        <translation>Не удаётся прочитать агент автозапуска {path}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The login agent starts another copy of Ringdesk ({path}).</source>
        <translation>Агент автозапуска запускает другую копию Ringdesk ({path}).</translation>
    </message>
    <message>
        <location filename="../../app/desktop/menu_entry.py" line="+80"/>
        <source>Ringdesk is not in the application menu.</source>
        <translation>Ringdesk нет в меню приложений.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/desktop/url_handlers.py" line="+100"/>
        <source>Run: ringdesk desktop install</source>
        <translation>Выполните: ringdesk desktop install</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ringdesk is in the application menu ({path}).</source>
        <translation>Ringdesk есть в меню приложений ({path}).</translation>
    </message>
    <message>
        <location filename="../../app/desktop/url_handlers.py" line="-10"/>
        <source>Ringdesk is not registered for tel:, callto: and sip: links.</source>
        <translation>Ringdesk не зарегистрирован для ссылок tel:, callto: и sip:.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+91"/>
        <source>Turn on “Open phone links with Ringdesk” in Settings, or run: ringdesk desktop install</source>
        <translation>Включите «Открывать телефонные ссылки в Ringdesk» в Настройках или выполните: ringdesk desktop install</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>The link handler {path} starts another copy of Ringdesk ({command}).</source>
        <translation>Обработчик ссылок {path} запускает другую копию Ringdesk ({command}).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Ringdesk is installed as a link handler but is not the default ({taken}).</source>
        <translation>Ringdesk установлен как обработчик ссылок, но не выбран по умолчанию ({taken}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run: ringdesk desktop install (or choose Ringdesk in your desktop&apos;s default apps)</source>
        <translation>Выполните: ringdesk desktop install (или выберите Ringdesk в приложениях по умолчанию рабочего стола)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>tel:, callto: and sip: links open Ringdesk ({path}).</source>
        <translation>Ссылки tel:, callto: и sip: открываются в Ringdesk ({path}).</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Ringdesk is not registered for {schemes} links.</source>
        <translation>Ringdesk не зарегистрирован для ссылок {schemes}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Windows opens some phone links with another app ({taken}).</source>
        <translation>Windows открывает некоторые телефонные ссылки в другом приложении ({taken}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose Ringdesk in Settings › Apps › Default apps › Ringdesk.</source>
        <translation>Выберите Ringdesk в разделе Параметры › Приложения › Приложения по умолчанию › Ringdesk.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tel:, callto: and sip: links open Ringdesk.</source>
        <translation>Ссылки tel:, callto: и sip: открываются в Ringdesk.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Ringdesk is not running from an app bundle, so macOS cannot hand it phone links.</source>
        <translation>Ringdesk запущен не из пакета приложения, поэтому macOS не может передавать ему телефонные ссылки.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Install Ringdesk.app into Applications and start it from there.</source>
        <translation>Установите Ringdesk.app в папку «Программы» и запускайте его оттуда.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path} does not declare tel:, callto: and sip:.</source>
        <translation>{path} не объявляет поддержку tel:, callto: и sip:.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reinstall Ringdesk.app from the official build.</source>
        <translation>Переустановите Ringdesk.app из официальной сборки.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>tel:, callto: and sip: links open Ringdesk (declared in the app bundle).</source>
        <translation>Ссылки tel:, callto: и sip: открываются в Ringdesk (объявлено в пакете приложения).</translation>
    </message>
    <message>
        <location filename="../../app/providers/linkguard.py" line="+37"/>
        <source>Refusing to download the recording from {host}: its address {address} is not on the public internet, and the account&apos;s own address is not of that kind.</source>
        <translation>Отказ загружать запись с {host}: его адрес {address} не относится к публичному интернету, а собственный адрес учётной записи — не такого типа.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A recording link may lead into a local network only when the account&apos;s own address is in one (the sandbox, a PBX in the office). Check the link the provider sent.</source>
        <translation>Ссылка на запись может вести в локальную сеть, только если в такой сети находится и адрес самой учётной записи (песочница, АТС в офисе). Проверьте ссылку, присланную провайдером.</translation>
    </message>
    <message>
        <location filename="../../app/store/opening.py" line="+78"/>
        <source>Another program kept the database {path} locked for {seconds} s: Ringdesk could not open it.</source>
        <translation>Другая программа удерживала блокировку базы данных {path} {seconds} с: Ringdesk не смог её открыть.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close the other program or Ringdesk using it, then start Ringdesk again.</source>
        <translation>Закройте эту программу или другой Ringdesk, который её использует, и снова запустите Ringdesk.</translation>
    </message>
    <message>
        <location filename="../../app/store/recovery.py" line="+78"/>
        <source>New calls are stored as usual. Keep the damaged file for your administrator: Ringdesk never writes to it.</source>
        <translation>Новые звонки сохраняются как обычно. Оставьте повреждённый файл для администратора: Ringdesk никогда в него не пишет.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The database was damaged beyond reading. Ringdesk kept it as {damaged} and started a new, empty one.</source>
        <translation>База данных была повреждена и не читается. Ringdesk сохранил её как {damaged} и создал новую, пустую.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database was damaged. Ringdesk kept it as {damaged} and started a new one holding all it contained: {calls} calls, {contacts} contacts and {notes} notes.</source>
        <translation>База данных была повреждена. Ringdesk сохранил её как {damaged} и создал новую со всем её содержимым (звонков: {calls}, контактов: {contacts}, заметок: {notes}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database was damaged. Ringdesk kept it as {damaged} and started a new one with what could still be read: {calls} calls, {contacts} contacts and {notes} notes; some records were lost.</source>
        <translation>База данных была повреждена. Ringdesk сохранил её как {damaged} и создал новую из того, что удалось прочитать (звонков: {calls}, контактов: {contacts}, заметок: {notes}); часть данных потеряна.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database was damaged. Ringdesk kept it as {damaged} and started a new one with what could still be read: {calls} calls, {contacts} contacts and {notes} notes; {lost} records were lost.</source>
        <translation>База данных была повреждена. Ringdesk сохранил её как {damaged} и создал новую из того, что удалось прочитать (звонков: {calls}, контактов: {contacts}, заметок: {notes}); потеряно строк базы данных: {lost}.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The database {path} is damaged, and another program still has it open: it cannot be set aside.</source>
        <translation>База данных {path} повреждена, а другая программа всё ещё держит её открытой: её нельзя переместить.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop the other Ringdesk (or program) using it, then start again: Ringdesk will keep the damaged file and start a new one.</source>
        <translation>Закройте другой Ringdesk (или программу), который её использует, и запустите снова: Ringdesk сохранит повреждённый файл и создаст новый.</translation>
    </message>
</context>
<context>
    <name>ProviderForm</name>
    <message>
        <location filename="../../app/ui/settings/providers.py" line="+53"/>
        <source>Cloud PBX (ITooLabs API: MegaFon, Gravitel, …)</source>
        <translation>Облачная АТС (API ITooLabs: МегаФон, Гравител, …)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cloud PBX</source>
        <translation>Облачная АТС</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PBX address</source>
        <translation>Адрес АТС</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+79"/>
        <source>PBX user</source>
        <translation>Пользователь АТС</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Your login at the PBX: calls ring this user&apos;s phone first.</source>
        <translation>Ваш логин в АТС: вызовы сначала поступают на телефон этого пользователя.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>API key</source>
        <translation>Ключ API</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key for the API, from the PBX cabinet&apos;s CRM integration.</source>
        <translation>Ключ API из раздела интеграции с CRM в кабинете АТС.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CRM key</source>
        <translation>Ключ CRM</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The key the PBX sends with every webhook. Generate one here and paste it into the cabinet beside the webhook URL.</source>
        <translation>Ключ, который АТС передаёт с каждым вебхуком. Создайте его здесь и вставьте в кабинет рядом с URL вебхука.</translation>
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
        <translation>Адрес API</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SIP account</source>
        <translation>SIP-аккаунт</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your SIP account: click-to-call rings it first.</source>
        <translation>Ваш SIP-аккаунт: при click-to-call сначала звонит он.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Integration key</source>
        <translation>Ключ интеграции</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“КЛЮЧ ДЛЯ ИНТЕГРАЦИИ С CRM” from the TeleDiscount cabinet.</source>
        <translation>«КЛЮЧ ДЛЯ ИНТЕГРАЦИИ С CRM» из личного кабинета TeleDiscount.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Webhook secret</source>
        <translation>Секрет вебхука</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part of the webhook URLs (TeleDiscount signs nothing, so the URL is the secret). Made automatically; a new one changes the URLs.</source>
        <translation>Часть URL вебхуков (TeleDiscount ничего не подписывает, поэтому секретом служит сам URL). Создаётся автоматически; новый секрет меняет URL.</translation>
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
        <translation>Адрес CCRM</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extension</source>
        <translation>Внутренний номер</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your internal number at the TeleCube PBX.</source>
        <translation>Ваш внутренний номер в АТС TeleCube.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CCRM API key</source>
        <translation>Ключ API CCRM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From CCRM: Settings › API.</source>
        <translation>Из CCRM: Settings › API.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Panel API key</source>
        <translation>Ключ API панели</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From the TeleCube panel (Integracja API); needed for click-to-call.</source>
        <translation>Из панели TeleCube (раздел «Integracja API»); нужен для click-to-call.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sandbox (simulated provider)</source>
        <translation>Песочница (имитация провайдера)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox</source>
        <translation>Песочница</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox address</source>
        <translation>Адрес песочницы</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Any agent of the sandbox&apos;s company.</source>
        <translation>Любой оператор компании из песочницы.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Team hub (your call centre&apos;s Ringdesk server)</source>
        <translation>Сервер команды (сервер Ringdesk вашего колл-центра)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team hub</source>
        <translation>Сервер команды</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hub address</source>
        <translation>Адрес сервера команды</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your login at the hub, from your invite. The hub dials and sees calls as you.</source>
        <translation>Ваш логин на сервере команды из приглашения. Сервер команды звонит и видит вызовы от вашего имени.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Access token</source>
        <translation>Токен доступа</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From your invite (the part after # in the join link). Your administrator makes a new one with “ringdesk users reset”.</source>
        <translation>Из приглашения (часть ссылки-приглашения после #). Новый токен администратор создаёт командой «ringdesk users reset».</translation>
    </message>
</context>
<context>
    <name>ReceiverPage</name>
    <message>
        <location filename="../../app/ui/settings/receiver.py" line="+48"/>
        <source>Certificate (PEM)</source>
        <translation>Сертификат (PEM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key (PEM)</source>
        <translation>Закрытый ключ (PEM)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One network per line, e.g. 203.0.113.0/24 (empty: anyone)</source>
        <translation>Одна сеть на строку, например 203.0.113.0/24 (пусто — все)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where Ringdesk listens</source>
        <translation>Где Ringdesk принимает запросы</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address and port</source>
        <translation>Адрес и порт</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TLS certificate</source>
        <translation>Сертификат TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS key</source>
        <translation>Ключ TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allowed senders</source>
        <translation>Разрешённые отправители</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste these into each provider&apos;s cabinet</source>
        <translation>Вставьте их в личный кабинет каждого провайдера</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Only this computer can reach it: providers on the internet need a tunnel or a public address.</source>
        <translation>Доступен только с этого компьютера: провайдерам из интернета нужен туннель или публичный адрес.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reachable from the network: restrict the senders below and use TLS.</source>
        <translation>Доступен из сети: ограничьте отправителей ниже и используйте TLS.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Enter the address as HOST:PORT to see the URLs.</source>
        <translation>Введите адрес в виде HOST:PORT, чтобы увидеть URL.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add an account first.</source>
        <translation>Сначала добавьте учётную запись.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>TeleCube sends no webhooks: its calls arrive with the history sync.</source>
        <translation>TeleCube не отправляет вебхуки: его вызовы приходят при синхронизации истории.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the settings to create this account&apos;s webhook secret and its URLs.</source>
        <translation>Сохраните настройки, чтобы создать секрет вебхука и URL для этой учётной записи.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First URL: “start of incoming call”; second: “end of call”. The URL is the secret: keep it private.</source>
        <translation>Первый URL — «начало входящего вызова», второй — «завершение вызова». URL является секретом: не передавайте его.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In the PBX cabinet&apos;s CRM integration: this URL, and the CRM key from the account.</source>
        <translation>В разделе интеграции с CRM в кабинете АТС: этот URL и ключ CRM из учётной записи.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sandbox sends its webhooks here.</source>
        <translation>Сюда песочница отправляет свои вебхуки.</translation>
    </message>
</context>
<context>
    <name>RecordingPlayer</name>
    <message>
        <location filename="../../app/ui/player/widget.py" line="+82"/>
        <location line="+327"/>
        <source>Play (Space)</source>
        <translation>Воспроизвести (Пробел)</translation>
    </message>
    <message>
        <location line="-326"/>
        <source>Back 10 seconds (←)</source>
        <translation>Назад на 10 секунд (←)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>−10 s</source>
        <translation>−10 с</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward 10 seconds (→)</source>
        <translation>Вперёд на 10 секунд (→)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>+10 s</source>
        <translation>+10 с</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Position</source>
        <translation>Позиция</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Playback speed</source>
        <translation>Скорость воспроизведения</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mute</source>
        <translation>Без звука</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Volume</source>
        <translation>Громкость</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the recording as…</source>
        <translation>Сохранить запись как…</translation>
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
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Save the recording</source>
        <translation>Сохранить запись</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not save the recording: %1</source>
        <translation>Не удалось сохранить запись: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved to %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The recording could not be fetched.</source>
        <translation>Не удалось получить запись.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Pause (Space)</source>
        <translation>Пауза (Пробел)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Waiting for the rest of the recording…</source>
        <translation>Ожидание оставшейся части записи…</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Cannot play this recording: %1</source>
        <translation>Не удаётся воспроизвести запись: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Playback is not available on this system (the audio libraries may be missing). You can still save the recording.</source>
        <translation>Воспроизведение в этой системе недоступно (возможно, не установлены аудиобиблиотеки). Запись всё равно можно сохранить.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Downloading… %1 received</source>
        <translation>Загрузка… получено %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading… %1 %</source>
        <translation>Загрузка… %1 %</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Fetching the recording…</source>
        <translation>Загрузка записи…</translation>
    </message>
    <message>
        <location filename="../../app/ui/player/offer.py" line="+43"/>
        <source>Press Space or ▶ to play the recording.</source>
        <translation>Нажмите Пробел или ▶, чтобы прослушать запись.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings/dialog.py" line="+79"/>
        <source>Ringdesk settings</source>
        <translation>Настройки Ringdesk</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Accounts</source>
        <translation>Учётные записи</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Webhooks</source>
        <translation>Вебхуки</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call cards</source>
        <translation>Карточки вызовов</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../app/ui/shell_dial.py" line="+46"/>
        <location line="+23"/>
        <source>Call not placed</source>
        <translation>Вызов не выполнен</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Click-to-call is not available: no provider account can place calls.</source>
        <translation>Click-to-call недоступен: ни одна учётная запись провайдера не может совершать вызовы.</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell_hotkey.py" line="+70"/>
        <source>Dial shortcut %1</source>
        <translation>Горячая клавиша вызова %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Card shortcut %1</source>
        <translation>Горячая клавиша карточки %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell_menu.py" line="+65"/>
        <source>Call a number…</source>
        <translation>Набрать номер…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call %1 (clipboard)</source>
        <translation>Позвонить на %1 (из буфера)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>History…</source>
        <translation>История…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Do not disturb (no cards)</source>
        <translation>Не беспокоить (без карточек)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click-to-call only</source>
        <translation>Только click-to-call</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Put cards back in the corner</source>
        <translation>Вернуть карточки в угол</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>Настройки…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit Ringdesk</source>
        <translation>Выйти из Ringdesk</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recent calls</source>
        <translation>Последние вызовы</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Call back</source>
        <translation>Перезвонить</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy number</source>
        <translation>Копировать номер</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in history</source>
        <translation>Показать в истории</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell.py" line="+226"/>
        <source>Could not save the settings: %1</source>
        <translation>Не удалось сохранить настройки: %1</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../app/ui/tray.py" line="-61"/>
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some accounts have problems</source>
        <translation>Проблемы с учётными записями</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Нет подключения</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n missed call(s)</source>
        <translation>
            <numerusform>%n пропущенный вызов</numerusform>
            <numerusform>%n пропущенных вызова</numerusform>
            <numerusform>%n пропущенных вызовов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message numerus="yes">
        <location filename="../../app/ui/shell_menu.py" line="-30"/>
        <source>Dismiss all cards (%n)</source>
        <translation>
            <numerusform>Закрыть все карточки (%n)</numerusform>
            <numerusform>Закрыть все карточки (%n)</numerusform>
            <numerusform>Закрыть все карточки (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_QuickForm</name>
    <message>
        <location filename="../../app/ui/cards/forms.py" line="-75"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <location filename="../../app/ui/formatting.py" line="+81"/>
        <source>yesterday %1</source>
        <translation>вчера %1</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../app/ui/messages.py" line="+138"/>
        <source>Ringdesk: unexpected error</source>
        <translation>Ringdesk: непредвиденная ошибка</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something went wrong inside Ringdesk. Your calls and history are safe; the app keeps running.</source>
        <translation>В Ringdesk произошла ошибка. Ваши вызовы и история в сохранности, приложение продолжает работу.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Details were written to %1</source>
        <translation>Подробности записаны в %1</translation>
    </message>
</context>
</TS>
