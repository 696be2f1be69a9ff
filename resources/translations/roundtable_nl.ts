<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/dialogs/about_dialog.py" line="+94"/>
        <source>About Roundtable</source>
        <translation>Over Roundtable</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version %1</source>
        <translation>Versie %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plan, attend and report on stakeholder roundtables.</source>
        <translation>Rondetafelgesprekken met belanghebbenden voorbereiden, bijwonen en erover publiceren.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Free software under the &lt;a href=&quot;%1&quot;&gt;GNU General Public License, version 3 or later&lt;/a&gt; (%2). You may use, study, share and change it.</source>
        <translation>Vrije software onder de &lt;a href=&quot;%1&quot;&gt;GNU General Public License, versie 3 of later&lt;/a&gt; (%2). Je mag het programma gebruiken, bestuderen, delen en aanpassen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Where your data is kept</source>
        <translation>Waar je gegevens staan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open folder</source>
        <translation>Map openen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database is on a server, not in a folder here.</source>
        <translation>De database staat op een server, niet in een map op deze computer.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Copy details</source>
        <translation>Gegevens &amp;kopiëren</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+4"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>No database is open</source>
        <translation>Er is geen database geopend</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Data folder</source>
        <translation>Gegevensmap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log file</source>
        <translation>Logbestand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Templates folder</source>
        <translation>Sjablonenmap</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+9"/>
        <source>Cannot open the folder</source>
        <translation>Kan de map niet openen</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>%1 cannot be created: %2</source>
        <translation>%1 kan niet worden aangemaakt: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No file manager opened %1.</source>
        <translation>Geen bestandsbeheerder kon %1 openen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Licence</source>
        <translation>Licentie</translation>
    </message>
</context>
<context>
    <name>AccessExportSummary</name>
    <message>
        <location filename="../../ui/dialogs/privacy_access.py" line="+75"/>
        <source>Personal data exported</source>
        <translation>Persoonsgegevens geëxporteerd</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Wrote the personal data into %1:</source>
        <translation>De persoonsgegevens staan nu in %1:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The JSON file is for a machine, the report for the person. Send them through a safe channel: they hold everything we know about them.</source>
        <translation>Het JSON-bestand is voor een computer, het verslag voor de persoon zelf. Verstuur ze via een veilig kanaal: ze bevatten alles wat we over deze persoon weten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open report</source>
        <translation>Verslag openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show folder</source>
        <translation>Map tonen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cannot open</source>
        <translation>Kan niet openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No program on this computer opened %1.</source>
        <translation>Geen programma op deze computer kon %1 openen.</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/pages/minutes_tab.py" line="+285"/>
        <source>Required: what is to be done</source>
        <translation>Verplicht: wat er moet gebeuren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(nobody yet)</source>
        <translation>(nog niemand)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due by</source>
        <translation>Uiterlijk op</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due date</source>
        <translation>Uiterste datum</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(the roundtable as a whole)</source>
        <translation>(het rondetafelgesprek als geheel)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Edit action item</source>
        <translation>Actiepunt bewerken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New action item</source>
        <translation>Nieuw actiepunt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Action *</source>
        <translation>&amp;Actie *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Owner</source>
        <translation>&amp;Eigenaar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;ue</source>
        <translation>&amp;Uiterlijk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;genda item</source>
        <translation>A&amp;gendapunt</translation>
    </message>
</context>
<context>
    <name>AuditAction</name>
    <message>
        <location filename="../../ui/pages/privacy_page.py" line="+67"/>
        <source>Contacts imported</source>
        <translation>Contacten geïmporteerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts exported</source>
        <translation>Contacten geëxporteerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People merged</source>
        <translation>Personen samengevoegd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person erased</source>
        <translation>Persoon gewist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Personal data exported</source>
        <translation>Persoonsgegevens geëxporteerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept after review</source>
        <translation>Bewaard na controle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retention period changed</source>
        <translation>Bewaartermijn gewijzigd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database imported (JSON)</source>
        <translation>Database geïmporteerd (JSON)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database exported (JSON)</source>
        <translation>Database geëxporteerd (JSON)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar message from the host</source>
        <translation>Agendabericht van de gastheer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent to be named changed</source>
        <translation>Toestemming om genoemd te worden gewijzigd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleted</source>
        <translation>Verwijderd</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Person deleted</source>
        <translation>Persoon verwijderd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation deleted</source>
        <translation>Organisatie verwijderd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roundtable deleted</source>
        <translation>Rondetafelgesprek verwijderd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statement deleted</source>
        <translation>Standpunt verwijderd</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Calendar import: %1</source>
        <translation>Agenda-import: %1</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <location line="+12"/>
        <source>All actions</source>
        <translation>Alle acties</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imports</source>
        <translation>Importen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exports</source>
        <translation>Exporten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merges</source>
        <translation>Samenvoegingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erasures</source>
        <translation>Wissingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deletions</source>
        <translation>Verwijderingen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Privacy reviews</source>
        <translation>Privacycontroles</translation>
    </message>
    <message>
        <location line="+315"/>
        <source>Audit log</source>
        <translation>Logboek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the audit log (Ctrl+F)</source>
        <translation>Zoeken in het logboek (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>CalendarExport</name>
    <message>
        <location filename="../../ui/dialogs/calendar_export.py" line="+105"/>
        <source>Write one file per invitee, as:</source>
        <translation>Eén bestand per genodigde schrijven, als:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Calendar files (.ics), to attach to your own message</source>
        <translation>Agendabestanden (.ics), om bij je eigen bericht te voegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E-mail drafts (.eml), addressed and ready to send</source>
        <translation>E-mailconcepten (.eml), geadresseerd en klaar om te versturen</translation>
    </message>
    <message numerus="yes">
        <location line="+79"/>
        <source>%n file(s) written to %1</source>
        <translation>
            <numerusform>%n bestand geschreven naar %1</numerusform>
            <numerusform>%n bestanden geschreven naar %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n earlier file(s) of the same name replaced</source>
        <translation>
            <numerusform>%n eerder bestand met dezelfde naam vervangen</numerusform>
            <numerusform>%n eerdere bestanden met dezelfde naam vervangen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n file(s) were written before the problem, in %1:</source>
        <translation>
            <numerusform>%n bestand was al geschreven vóór het probleem, in %1:</numerusform>
            <numerusform>%n bestanden waren al geschreven vóór het probleem, in %1:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+395"/>
        <source>No file was written.</source>
        <translation>Er is geen bestand geschreven.</translation>
    </message>
    <message>
        <location line="-394"/>
        <source>Nothing else was changed.</source>
        <translation>Verder is er niets veranderd.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Cannot export: %1</source>
        <translation>Kan niet exporteren: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The export stopped on an unexpected error: %1</source>
        <translation>De export is gestopt door een onverwachte fout: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot write into the folder %1: %2.</source>
        <translation>Kan niet schrijven in de map %1: %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not write “%1” in %2: %3.</source>
        <translation>Kon “%1” niet schrijven in %2: %3.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Writing %1 files…</source>
        <translation>%1 bestanden schrijven…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Stopped on request.</source>
        <translation>Op verzoek gestopt.</translation>
    </message>
    <message numerus="yes">
        <location line="+50"/>
        <source>%n invitee(s) have no e-mail address and were left out: %1.</source>
        <translation>
            <numerusform>%n genodigde heeft geen e-mailadres en is overgeslagen: %1.</numerusform>
            <numerusform>%n genodigden hebben geen e-mailadres en zijn overgeslagen: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>%n withdrawn invitee(s) left out (use Export withdrawal notice).</source>
        <translation>
            <numerusform>%n ingetrokken genodigde overgeslagen (gebruik Intrekkingsbericht exporteren).</numerusform>
            <numerusform>%n ingetrokken genodigden overgeslagen (gebruik Intrekkingsbericht exporteren).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+316"/>
        <source>Export invitations</source>
        <translation>Uitnodigingen exporteren</translation>
    </message>
    <message>
        <location line="-291"/>
        <location line="+322"/>
        <source>Export withdrawal notice</source>
        <translation>Intrekkingsbericht exporteren</translation>
    </message>
    <message>
        <location line="-304"/>
        <source>The file names every invitee: send it only to people who may see the list.</source>
        <translation>Het bestand noemt alle genodigden: stuur het alleen naar mensen die de lijst mogen zien.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+330"/>
        <source>Export for the whole list</source>
        <translation>Exporteren voor de hele lijst</translation>
    </message>
    <message>
        <location line="-316"/>
        <source>One calendar file (.ics) naming everyone</source>
        <translation>Eén agendabestand (.ics) met iedereen erin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A calendar file (.ics) per attendee</source>
        <translation>Een agendabestand (.ics) per deelnemer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An e-mail draft (.eml) per attendee, ready to send</source>
        <translation>Een e-mailconcept (.eml) per deelnemer, klaar om te versturen</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+315"/>
        <source>Export cancellation</source>
        <translation>Afgelasting exporteren</translation>
    </message>
    <message>
        <location line="-309"/>
        <source>%1 (cancelled)</source>
        <translation>%1 (afgelast)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>There is nothing to export.</source>
        <translation>Er is niets om te exporteren.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Choose the organiser</source>
        <translation>Kies de organisator</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the organiser now (only people with an e-mail address are listed); it is kept in the roundtable&apos;s Overview tab:</source>
        <translation>Kies nu de organisator (alleen mensen met een e-mailadres staan erbij); dit wordt bewaard op het tabblad Overzicht van de rondetafel:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Organiser</source>
        <translation>Organisator</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type part of a name to search</source>
        <translation>Typ een deel van een naam om te zoeken</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Set organiser and continue</source>
        <translation>Organisator instellen en doorgaan</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Set the date and time in the Overview tab and press Schedule; then export again.</source>
        <translation>Vul datum en tijd in op het tabblad Overzicht en klik op Inplannen; exporteer daarna opnieuw.</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>Export all %n invitation(s) as:</source>
        <translation>
            <numerusform>Exporteer de %n uitnodiging als:</numerusform>
            <numerusform>Exporteer alle %n uitnodigingen als:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Only the %n selected invitation(s)</source>
        <translation>
            <numerusform>Alleen de %n geselecteerde uitnodiging</numerusform>
            <numerusform>Alleen de %n geselecteerde uitnodigingen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>All %n invitation(s)</source>
        <translation>
            <numerusform>De %n uitnodiging</numerusform>
            <numerusform>Alle %n uitnodigingen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Which invitations should be exported?</source>
        <translation>Welke uitnodigingen wilt u exporteren?</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Export the %n selected invitation(s) as:</source>
        <translation>
            <numerusform>Exporteer de %n geselecteerde uitnodiging als:</numerusform>
            <numerusform>Exporteer de %n geselecteerde uitnodigingen als:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Folder for the invitation files</source>
        <translation>Map voor de uitnodigingsbestanden</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Export the withdrawal notice(s) of the %n selected withdrawn invitee(s) as:</source>
        <translation>
            <numerusform>Exporteer het intrekkingsbericht van de %n geselecteerde ingetrokken genodigde als:</numerusform>
            <numerusform>Exporteer de intrekkingsberichten van de %n geselecteerde ingetrokken genodigden als:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Folder for the withdrawal notices</source>
        <translation>Map voor de intrekkingsberichten</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Folder for the invitation file</source>
        <translation>Map voor het uitnodigingsbestand</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export the cancellation as:</source>
        <translation>De afgelasting exporteren als:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Folder for the cancellation</source>
        <translation>Map voor de afgelasting</translation>
    </message>
</context>
<context>
    <name>CalendarImport</name>
    <message>
        <location filename="../../ui/dialogs/calendar_import.py" line="+50"/>
        <source>Answer recorded</source>
        <translation>Antwoord vastgelegd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer already known</source>
        <translation>Antwoord was al bekend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignored: older version</source>
        <translation>Genegeerd: oudere versie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignored</source>
        <translation>Genegeerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To check: forwarded invitation</source>
        <translation>Controleren: doorgestuurde uitnodiging</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To check: new time proposed</source>
        <translation>Controleren: nieuwe tijd voorgesteld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roundtable imported</source>
        <translation>Rondetafelgesprek geïmporteerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roundtable updated</source>
        <translation>Rondetafelgesprek bijgewerkt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already up to date</source>
        <translation>Was al bijgewerkt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled by the host</source>
        <translation>Afgelast door de gastheer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn by the host</source>
        <translation>Ingetrokken door de gastheer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing to do</source>
        <translation>Niets te doen</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+28"/>
        <source>Import calendar replies</source>
        <translation>Agenda-antwoorden importeren</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Calendar replies (*.ics *.eml);;All files (*)</source>
        <translation>Agenda-antwoorden (*.ics *.eml);;Alle bestanden (*)</translation>
    </message>
</context>
<context>
    <name>CalendarImportDialog</name>
    <message>
        <location line="+72"/>
        <source>Calendar replies imported</source>
        <translation>Agenda-antwoorden geïmporteerd</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Replies in the files</source>
        <translation>Antwoorden in de bestanden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiëren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the whole report as text</source>
        <translation>Het hele verslag als tekst kopiëren</translation>
    </message>
</context>
<context>
    <name>ChangeWatcher</name>
    <message>
        <location filename="../../ui/live.py" line="+139"/>
        <source>Cannot check for changes by others: %1</source>
        <translation>Kan niet controleren op wijzigingen door anderen: %1</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location filename="../../ui/dialogs/calendar_import.py" line="-22"/>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Result</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../ui/pages/overview_tab.py" line="+306"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/history_dialog.py" line="+102"/>
        <location filename="../../ui/pages/dashboard.py" line="+97"/>
        <location filename="../../ui/pages/overview_tab.py" line="-9"/>
        <location filename="../../ui/pages/people_page.py" line="+114"/>
        <location filename="../../ui/pages/privacy_page.py" line="-17"/>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../ui/pages/overview_tab.py" line="+6"/>
        <location filename="../../ui/pages/privacy_page.py" line="+5"/>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Party</source>
        <translation>Partij</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From → to</source>
        <translation>Van → naar</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../ui/dialogs/merge_people.py" line="+174"/>
        <location filename="../../ui/pages/overview_tab.py" line="+8"/>
        <location filename="../../ui/pages/people_page.py" line="+7"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source</source>
        <translation>Bron</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/contacts_import.py" line="+446"/>
        <source>Line</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../../ui/dialogs/invitee_picker.py" line="+311"/>
        <location filename="../../ui/pages/invitations_tab.py" line="+494"/>
        <location filename="../../ui/pages/people_page.py" line="+109"/>
        <location line="+37"/>
        <location filename="../../ui/pages/privacy_page.py" line="-235"/>
        <location filename="../../ui/pages/statement_preview.py" line="+157"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reason or changes</source>
        <translation>Reden of wijzigingen</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invitee_picker.py" line="+2"/>
        <location filename="../../ui/pages/minutes_tab.py" line="+179"/>
        <location filename="../../ui/pages/people_page.py" line="+1"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/contacts_import.py" line="-5"/>
        <location filename="../../ui/dialogs/invitee_picker.py" line="+4"/>
        <location filename="../../ui/dialogs/merge_people.py" line="-3"/>
        <location filename="../../ui/pages/dashboard.py" line="+30"/>
        <location filename="../../ui/pages/follow_up_tab.py" line="+213"/>
        <location filename="../../ui/pages/invitations_tab.py" line="+5"/>
        <location filename="../../ui/pages/people_page.py" line="-34"/>
        <location filename="../../ui/pages/privacy_page.py" line="+2"/>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <location line="-3"/>
        <location filename="../../ui/dialogs/invitee_picker.py" line="+2"/>
        <location filename="../../ui/dialogs/merge_people.py" line="-9"/>
        <location line="+6"/>
        <location filename="../../ui/pages/people_page.py" line="-2"/>
        <location filename="../../ui/pages/privacy_page.py" line="+2"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invitee_picker.py" line="+2"/>
        <location filename="../../ui/pages/dashboard.py" line="+7"/>
        <source>Invited</source>
        <translation>Uitgenodigd</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/merge_people.py" line="-9"/>
        <source>Person</source>
        <translation>Persoon</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Possible duplicate</source>
        <translation>Mogelijk dubbel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/privacy_erase.py" line="+181"/>
        <source>Detail</source>
        <translation>Gegeven</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>After erasure</source>
        <translation>Na wissen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Where</source>
        <translation>Waar</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Before</source>
        <translation>Voor</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>After</source>
        <translation>Na</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="-39"/>
        <location line="+36"/>
        <location line="+31"/>
        <location filename="../../ui/pages/people_page.py" line="-141"/>
        <location filename="../../ui/pages/statement_editor.py" line="+305"/>
        <source>Roundtable</source>
        <translation>Rondetafelgesprek</translation>
    </message>
    <message>
        <location line="-61"/>
        <location filename="../../ui/pages/roundtables_page.py" line="+61"/>
        <source>Host</source>
        <translation>Gastheer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Responses</source>
        <translation>Reacties</translation>
    </message>
    <message>
        <location line="+22"/>
        <location filename="../../ui/pages/people_page.py" line="+7"/>
        <source>Invitee</source>
        <translation>Genodigde</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Waiting</source>
        <translation>Wacht al</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../../ui/pages/minutes_tab.py" line="+71"/>
        <source>Due</source>
        <translation>Uiterlijk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/contacts_import.py" line="-9"/>
        <location filename="../../ui/pages/dashboard.py" line="+5"/>
        <location filename="../../ui/pages/minutes_tab.py" line="-6"/>
        <location filename="../../ui/pages/privacy_page.py" line="+233"/>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="+1"/>
        <location filename="../../ui/pages/minutes_tab.py" line="+4"/>
        <source>Owner</source>
        <translation>Eigenaar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/follow_up_tab.py" line="-15"/>
        <location filename="../../ui/pages/people_page.py" line="-4"/>
        <location filename="../../ui/pages/statement_editor.py" line="+37"/>
        <location line="+29"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../ui/pages/roundtables_page.py" line="-1"/>
        <location filename="../../ui/pages/statement_editor.py" line="-35"/>
        <location line="+39"/>
        <location filename="../../ui/pages/statements_page.py" line="+61"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stance</source>
        <translation>Positie</translation>
    </message>
    <message>
        <location filename="../../ui/pages/invitations_tab.py" line="+3"/>
        <location filename="../../ui/pages/people_page.py" line="+5"/>
        <location line="+137"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../ui/pages/people_page.py" line="-135"/>
        <location filename="../../ui/pages/questions_tab.py" line="+192"/>
        <location filename="../../ui/pages/roundtables_page.py" line="+8"/>
        <location filename="../../ui/pages/statement_editor.py" line="-63"/>
        <location filename="../../ui/pages/statements_page.py" line="+3"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last change</source>
        <translation>Laatste wijziging</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Named in public</source>
        <translation>Openbaar genoemd</translation>
    </message>
    <message>
        <location filename="../../ui/pages/minutes_tab.py" line="-111"/>
        <location line="+121"/>
        <source>Agenda item</source>
        <translation>Agendapunt</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Speaker</source>
        <translation>Spreker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attribution</source>
        <translation>Toeschrijving</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../../ui/pages/statement_editor.py" line="-39"/>
        <location line="+104"/>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="-7"/>
        <location filename="../../ui/pages/privacy_page.py" line="+4"/>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <location filename="../../ui/pages/people_page.py" line="+17"/>
        <source>Change</source>
        <translation>Wijziging</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>Door</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Last invited</source>
        <translation>Laatst uitgenodigd</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../ui/pages/privacy_page.py" line="-235"/>
        <source>Lawful basis</source>
        <translation>Grondslag</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ours</source>
        <translation>Van ons</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy_page.py" line="+6"/>
        <source>Last roundtable</source>
        <translation>Laatste rondetafelgesprek</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Due since</source>
        <translation>Te controleren sinds</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Last kept</source>
        <translation>Laatst bewaard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/questions_tab.py" line="-14"/>
        <location filename="../../ui/pages/statement_editor.py" line="-111"/>
        <location line="+65"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Question</source>
        <translation>Vraag</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Asked by</source>
        <translation>Gesteld door</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Answer</source>
        <translation>Antwoord</translation>
    </message>
    <message>
        <location filename="../../ui/pages/roundtables_page.py" line="-5"/>
        <location filename="../../ui/pages/statement_editor.py" line="-24"/>
        <source>Start</source>
        <translation>Begin</translation>
    </message>
    <message>
        <location filename="../../ui/pages/people_page.py" line="-45"/>
        <location line="+39"/>
        <location filename="../../ui/pages/roundtables_page.py" line="+10"/>
        <source>Invitations</source>
        <translation>Uitnodigingen</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statement_editor.py" line="-37"/>
        <location line="+65"/>
        <source>Key</source>
        <translation>Sleutel</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Heading</source>
        <translation>Kop</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>About it</source>
        <translation>Gaat erover</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publisher</source>
        <translation>Uitgever</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <location filename="../../ui/pages/statements_page.py" line="-2"/>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Published</source>
        <translation>Gepubliceerd</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Updated</source>
        <translation>Bijgewerkt</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../ui/dialogs/conflict.py" line="+23"/>
        <source>Changed by someone else</source>
        <translation>Gewijzigd door iemand anders</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload to see the saved version; you can then make your change again. Otherwise the window keeps showing what you had.</source>
        <translation>Laad opnieuw om de opgeslagen versie te zien; daarna kun je je wijziging opnieuw maken. Anders blijft het venster tonen wat je had.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Reload</source>
        <translation>Opnieuw &amp;laden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep my view</source>
        <translation>Mijn weergave &amp;houden</translation>
    </message>
</context>
<context>
    <name>ContactsExport</name>
    <message>
        <location filename="../../ui/dialogs/contacts_export.py" line="+69"/>
        <location line="+79"/>
        <source>Export contacts</source>
        <translation>Contacten exporteren</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Contacts</source>
        <translation>Contacten</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>1 person</source>
        <translation>1 persoon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 people</source>
        <translation>%1 personen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>There is nobody to export (erased people are always left out). No file was written.</source>
        <translation>Er is niemand om te exporteren (gewiste personen worden altijd overgeslagen). Er is geen bestand geschreven.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No people are selected, so there is nothing to export.</source>
        <translation>Er zijn geen personen gekozen, dus er is niets om te exporteren.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Exported %1 to %2.</source>
        <translation>%1 geëxporteerd naar %2.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not write “%1” in %2: %3.</source>
        <translation>Kon “%1” niet schrijven in %2: %3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing was exported; a file already there was left as it was.</source>
        <translation>Er is niets geëxporteerd; een bestand dat er al stond, is ongemoeid gelaten.</translation>
    </message>
</context>
<context>
    <name>ContactsField</name>
    <message>
        <location filename="../../ui/dialogs/contacts_import.py" line="-317"/>
        <source>(not imported)</source>
        <translation>(niet importeren)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First name</source>
        <translation>Voornaam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Middle name</source>
        <translation>Tussenvoegsel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last name</source>
        <translation>Achternaam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preferred language</source>
        <translation>Voorkeurstaal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
</context>
<context>
    <name>ContactsImport</name>
    <message>
        <location line="-54"/>
        <source>Google Contacts</source>
        <translation>Google Contacten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outlook</source>
        <translation>Outlook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vCard</source>
        <translation>vCard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other — check the columns</source>
        <translation>Anders — controleer de kolommen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-8 with byte order mark</source>
        <translation>UTF-8 met byte order mark (BOM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-16</source>
        <translation>UTF-16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Windows-1252</source>
        <translation>Windows-1252</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>comma</source>
        <translation>komma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>semicolon</source>
        <translation>puntkomma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tab</source>
        <translation>tab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vertical bar</source>
        <translation>verticale streep</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update</source>
        <translation>Bijwerken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip</source>
        <translation>Overslaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject</source>
        <translation>Weigeren</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To add</source>
        <translation>Toe te voegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To update</source>
        <translation>Bij te werken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped</source>
        <translation>Overgeslagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Geweigerd</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>(empty)</source>
        <translation>(leeg)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The file holds no contacts.</source>
        <translation>Het bestand bevat geen contacten.</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>1 to add</source>
        <translation>1 toe te voegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to add</source>
        <translation>%1 toe te voegen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 to update</source>
        <translation>1 bij te werken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to update</source>
        <translation>%1 bij te werken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 skipped as a duplicate</source>
        <translation>1 overgeslagen als dubbel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 skipped as duplicates</source>
        <translation>%1 overgeslagen als dubbel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 rejected</source>
        <translation>1 geweigerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rejected</source>
        <translation>%1 geweigerd</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>1 new organisation</source>
        <translation>1 nieuwe organisatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 new organisations</source>
        <translation>%1 nieuwe organisaties</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing would be written.</source>
        <translation>Er zou niets worden geschreven.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>1 person added</source>
        <translation>1 persoon toegevoegd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 people added</source>
        <translation>%1 personen toegevoegd</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 updated</source>
        <translation>1 bijgewerkt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 updated</source>
        <translation>%1 bijgewerkt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>1 organisation added</source>
        <translation>1 organisatie toegevoegd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 organisations added</source>
        <translation>%1 organisaties toegevoegd</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported %1: %2.</source>
        <translation>%1 geïmporteerd: %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Import contacts</source>
        <translation>Contacten importeren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contacts (*.csv *.vcf *.vcard *.txt);;All files (*)</source>
        <translation>Contacten (*.csv *.vcf *.vcard *.txt);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>The import stopped on an unexpected error: %1</source>
        <translation>De import is gestopt door een onverwachte fout: %1</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Column %1</source>
        <translation>Kolom %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Column “%1”</source>
        <translation>Kolom “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First values: %1</source>
        <translation>Eerste waarden: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No values in the first rows</source>
        <translation>Geen waarden in de eerste rijen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Field for column “%1”</source>
        <translation>Veld voor kolom “%1”</translation>
    </message>
</context>
<context>
    <name>ContactsImportDialog</name>
    <message>
        <location line="+67"/>
        <source>Import contacts — %1</source>
        <translation>Contacten importeren — %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Working</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Columns: choose what each column of the file holds</source>
        <translation>Kolommen: kies wat elke kolom van het bestand bevat</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Rows of the file</source>
        <translation>Rijen van het bestand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the rows by name, e-mail, organisation… (Ctrl+F)</source>
        <translation>Rijen zoeken op naam, e-mail, organisatie… (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show rows</source>
        <translation>Rijen tonen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the rows to add and update (Enter)</source>
        <translation>De rijen toevoegen en bijwerken (Enter)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close without importing anything (Esc)</source>
        <translation>Sluiten zonder iets te importeren (Esc)</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Nothing was imported</source>
        <translation>Er is niets geïmporteerd</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Reading %1…</source>
        <translation>%1 lezen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking the rows against the database…</source>
        <translation>De rijen vergelijken met de database…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot import contacts</source>
        <translation>Kan de contacten niet importeren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing can be imported until this is solved.</source>
        <translation>Er kan niets worden geïmporteerd tot dit is opgelost.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>File: %1</source>
        <translation>Bestand: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Layout: %1</source>
        <translation>Indeling: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encoding: %1</source>
        <translation>Codering: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Separator: %1</source>
        <translation>Scheidingsteken: %1</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="-70"/>
        <source>Open the review list on the Privacy page</source>
        <translation>De controlelijst op de pagina Privacy openen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Search upcoming roundtables</source>
        <translation>Komende rondetafelgesprekken zoeken</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 days</source>
        <translation>%1 dagen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search unanswered invitations</source>
        <translation>Onbeantwoorde uitnodigingen zoeken</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no date</source>
        <translation>geen datum</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Search open action items</source>
        <translation>Openstaande actiepunten zoeken</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No roundtable is coming up. Plan the next one on the Roundtables page with New roundtable… (Ctrl+N).</source>
        <translation>Er staat geen rondetafelgesprek gepland. Plan het volgende op de pagina Rondetafelgesprekken met Nieuw gesprek… (Ctrl+N).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every invitation sent more than a week ago has an answer. Invitations waiting longer will be listed here.</source>
        <translation>Elke uitnodiging van meer dan een week geleden heeft een antwoord. Uitnodigingen die langer wachten, komen hier te staan.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No open action items. Add them in a roundtable&apos;s Minutes tab; the ones not done by their due date are listed here first.</source>
        <translation>Geen openstaande actiepunten. Voeg ze toe op het tabblad Notulen van een rondetafelgesprek; wat na de uiterste datum nog openstaat, staat hier bovenaan.</translation>
    </message>
    <message>
        <location line="-80"/>
        <location line="+85"/>
        <source>Upcoming roundtables</source>
        <translation>Komende rondetafelgesprekken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No answer for more than a week</source>
        <translation>Al meer dan een week geen antwoord</translation>
    </message>
    <message>
        <location line="-37"/>
        <location line="+40"/>
        <location line="+73"/>
        <source>Open action items</source>
        <translation>Openstaande actiepunten</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Unanswered invitations</source>
        <translation>Onbeantwoorde uitnodigingen</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Today, %1</source>
        <translation>Vandaag, %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open action items (1 overdue, in red)</source>
        <translation>Openstaande actiepunten (1 te laat, in rood)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open action items (%1 overdue, in red)</source>
        <translation>Openstaande actiepunten (%1 te laat, in rood)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open action items (none overdue)</source>
        <translation>Openstaande actiepunten (geen te laat)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>1 upcoming roundtable</source>
        <translation>1 komend rondetafelgesprek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 upcoming roundtables</source>
        <translation>%1 komende rondetafelgesprekken</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 invitation waiting for an answer</source>
        <translation>1 uitnodiging wacht op antwoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 invitations waiting for an answer</source>
        <translation>%1 uitnodigingen wachten op antwoord</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 open action item</source>
        <translation>1 openstaand actiepunt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 open action items</source>
        <translation>%1 openstaande actiepunten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 overdue</source>
        <translation>%1 te laat</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>1 person is due for a privacy review</source>
        <translation>1 persoon moet een privacycontrole krijgen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 people are due for a privacy review</source>
        <translation>%1 personen moeten een privacycontrole krijgen</translation>
    </message>
</context>
<context>
    <name>DateFields</name>
    <message>
        <location filename="../../ui/widgets/date_fields.py" line="+92"/>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Pick a day</source>
        <translation>Dag kiezen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pick a day from a calendar (Alt+Down)</source>
        <translation>Kies een dag in een kalender (Alt+Omlaag)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>“%1” is not a date; type it as %2.</source>
        <translation>„%1” is geen datum; typ hem als %2.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>no date</source>
        <translation>geen datum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 15-08-2023</source>
        <translation>bijv. 15-08-2023</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type a date such as 15-08-2023 or 15 Aug 2023, or press Alt+Down</source>
        <translation>Typ een datum zoals 15-08-2023 of 15 aug 2023, of druk op Alt+Omlaag</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>15-08-2023 or %1</source>
        <translation>15-08-2023 of %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>e.g. 15-08-2023 14:30</source>
        <translation>bijv. 15-08-2023 14:30</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a date and time such as 15-08-2023 14:30, or press Alt+Down</source>
        <translation>Typ een datum en tijd zoals 15-08-2023 14:30, of druk op Alt+Omlaag</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>15-08-2023 14:30 or %1</source>
        <translation>15-08-2023 14:30 of %1</translation>
    </message>
</context>
<context>
    <name>ErasePersonDialog</name>
    <message>
        <location filename="../../ui/dialogs/privacy_erase.py" line="-165"/>
        <source>1 invitation</source>
        <translation>1 uitnodiging</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 invitations</source>
        <translation>%1 uitnodigingen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 history entry</source>
        <translation>1 regel in de geschiedenis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 history entries</source>
        <translation>%1 regels in de geschiedenis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 question</source>
        <translation>1 vraag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 questions</source>
        <translation>%1 vragen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 note in the minutes</source>
        <translation>1 notitie in de notulen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 notes in the minutes</source>
        <translation>%1 notities in de notulen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 action item</source>
        <translation>1 actiepunt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 action items</source>
        <translation>%1 actiepunten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 roundtable organised</source>
        <translation>1 georganiseerd rondetafelgesprek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 roundtables organised</source>
        <translation>%1 georganiseerde rondetafelgesprekken</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Nothing else refers to this person.</source>
        <translation>Verder verwijst niets naar deze persoon.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 and %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 stay, without the name.</source>
        <translation>%1 blijven bestaan, zonder de naam.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>“%1” was already erased on %2; there is nothing left to erase.</source>
        <translation>“%1” is al gewist op %2; er is niets meer te wissen.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Erase “%1”</source>
        <translation>“%1” wissen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Erasing replaces the personal details of %1 with the neutral label “%2”, here and wherever the text of a question, a note or a statement mentions them.</source>
        <translation>Wissen vervangt de persoonsgegevens van %1 door het neutrale label “%2”, hier en overal waar de tekst van een vraag, notitie of standpunt deze persoon noemt.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>(removed)</source>
        <translation>(verwijderd)</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>No free text mentions them.</source>
        <translation>Geen enkele vrije tekst noemt deze persoon.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This cannot be undone. Roundtable keeps no copy of the old details, and Edit &gt; Undo forgets every earlier step.</source>
        <translation>Dit kan niet ongedaan worden gemaakt. Roundtable bewaart geen kopie van de oude gegevens, en Bewerken &gt; Ongedaan maken vergeet alle eerdere stappen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>To confirm, type the name &lt;b&gt;%1&lt;/b&gt;:</source>
        <translation>Typ ter bevestiging de naam &lt;b&gt;%1&lt;/b&gt;:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Erase</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Details that change</source>
        <translation>Gegevens die veranderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text that mentions them</source>
        <translation>Tekst die deze persoon noemt</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Cannot erase “%1”</source>
        <translation>Kan “%1” niet wissen</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Cannot erase</source>
        <translation>Kan niet wissen</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+49"/>
        <source>Erased</source>
        <translation>Gewist</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>The personal details of “%1” were erased; the person is now “%2”.</source>
        <translation>De persoonsgegevens van “%1” zijn gewist; de persoon heet nu “%2”.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Erase the personal details of these %1 people? Each keeps only a neutral label; their invitations, questions and history stay, without the name.</source>
        <translation>De persoonsgegevens van deze %1 personen wissen? Elk houdt alleen een neutraal label; hun uitnodigingen, vragen en geschiedenis blijven bestaan, zonder de naam.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This cannot be undone, and Edit &gt; Undo forgets every earlier step.</source>
        <translation>Dit kan niet ongedaan worden gemaakt, en Bewerken &gt; Ongedaan maken vergeet alle eerdere stappen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Erase %1 people</source>
        <translation>%1 personen wissen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nobody was erased</source>
        <translation>Er is niemand gewist</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The personal details of %1 people were erased.</source>
        <translation>De persoonsgegevens van %1 personen zijn gewist.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../ui/app.py" line="+219"/>
        <source>Unexpected error</source>
        <translation>Onverwachte fout</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Roundtable ran into an error it did not expect. You can keep working; if something looks wrong, restart the app. Please send the details below with a bug report.</source>
        <translation>Roundtable is op een onverwachte fout gestuit. Je kunt doorwerken; als iets niet klopt, start het programma dan opnieuw. Stuur de gegevens hieronder graag mee met een foutmelding.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>They are also in the log file %1.</source>
        <translation>Ze staan ook in het logbestand %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Details of the error</source>
        <translation>Details van de fout</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Copy details</source>
        <translation>Gegevens &amp;kopiëren</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../../ui/widgets/file_dialogs.py" line="+131"/>
        <source>&amp;Open folder</source>
        <translation>Map &amp;openen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the folder the files were written to</source>
        <translation>De map openen waarin de bestanden zijn geschreven</translation>
    </message>
</context>
<context>
    <name>FilterTable</name>
    <message>
        <location filename="../../ui/widgets/filter_table.py" line="+59"/>
        <source>Search %1</source>
        <translation>%1 zoeken</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Filter %1</source>
        <translation>%1 filteren</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>1 row</source>
        <translation>1 rij</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 rows</source>
        <translation>%1 rijen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 shown</source>
        <translation>%1 van %2 getoond</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../ui/pages/follow_up_tab.py" line="-63"/>
        <source>New follow-up</source>
        <translation>Nieuw vervolg</translation>
    </message>
</context>
<context>
    <name>FollowUpForm</name>
    <message>
        <location line="-83"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Our view after the roundtable</source>
        <translation>bijv. Onze kijk na het rondetafelgesprek</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The position taken, in a line</source>
        <translation>De ingenomen positie, in één regel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no organisation)</source>
        <translation>(geen organisatie)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Required: what happened or was said</source>
        <translation>Verplicht: wat er gebeurde of werd gezegd</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Date *</source>
        <translation>&amp;Datum *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stance</source>
        <translation>&amp;Positie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Organisation</source>
        <translation>&amp;Organisatie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Te&amp;xt *</source>
        <translation>Te&amp;kst *</translation>
    </message>
</context>
<context>
    <name>FollowUpTab</name>
    <message>
        <location line="+126"/>
        <source>Follow-ups</source>
        <translation>Vervolg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search follow-ups (Ctrl+F)</source>
        <translation>Vervolg zoeken (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Add follow-up…</source>
        <translation>Vervolg &amp;toevoegen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Changes are saved when you leave a field.</source>
        <translation>Wijzigingen worden opgeslagen zodra je een veld verlaat.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Delete the follow-up of %1? Edit &gt; Undo brings it back.</source>
        <translation>Het vervolg van %1 verwijderen? Met Bewerken &gt; Ongedaan maken komt het terug.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>Delete follow-up</source>
        <translation>Vervolg verwijderen</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../ui/dialogs/organisation_dialog.py" line="+90"/>
        <source>* required</source>
        <translation>* verplicht</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/dialogs/history_dialog.py" line="-83"/>
        <source>Host</source>
        <translation>Gastheer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invitee</source>
        <translation>Genodigde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coordinator</source>
        <translation>Coördinator</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Typed in</source>
        <translation>Ingevoerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar reply</source>
        <translation>Agenda-antwoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo data</source>
        <translation>Demogegevens</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 (recorded %2)</source>
        <translation>%1 (vastgelegd %2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Happened: %1
Recorded: %2 (%3)</source>
        <translation>Gebeurd: %1
Vastgelegd: %2 (%3)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Invitation history</source>
        <translation>Geschiedenis van de uitnodiging</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>History</source>
        <translation>Geschiedenis</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This invitation no longer exists.</source>
        <translation>Deze uitnodiging bestaat niet meer.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The invitation of %1 to “%2”, times in %3</source>
        <translation>De uitnodiging van %1 voor “%2”, tijden in %3</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../ui/pages/people_page.py" line="-170"/>
        <source>Roundtables of this person</source>
        <translation>Rondetafelgesprekken van deze persoon</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>History of this invitation</source>
        <translation>Geschiedenis van deze uitnodiging</translation>
    </message>
</context>
<context>
    <name>HostCombo</name>
    <message>
        <location filename="../../ui/dialogs/roundtable_dialog.py" line="+128"/>
        <source>There is no organisation “%1” yet: it will be added as a new one.</source>
        <translation>Er is nog geen organisatie „%1”: die wordt als nieuwe toegevoegd.</translation>
    </message>
</context>
<context>
    <name>InvitationRole</name>
    <message>
        <location filename="../../ui/pages/people_page.py" line="-68"/>
        <source>Chair</source>
        <translation>Voorzitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speaker</source>
        <translation>Spreker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participant</source>
        <translation>Deelnemer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Observer</source>
        <translation>Toehoorder</translation>
    </message>
</context>
<context>
    <name>InvitationsTab</name>
    <message>
        <location filename="../../ui/pages/invitations_tab.py" line="-423"/>
        <source>Invitees</source>
        <translation>Genodigden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search invitees (Ctrl+F)</source>
        <translation>Genodigden zoeken (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting answer</source>
        <translation>Wacht op antwoord</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+419"/>
        <source>Record response</source>
        <translation>Reactie vastleggen</translation>
    </message>
    <message>
        <location line="-418"/>
        <location line="+426"/>
        <source>Attendance</source>
        <translation>Aanwezigheid</translation>
    </message>
    <message>
        <location line="-425"/>
        <location line="+449"/>
        <source>Calendar</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location line="-448"/>
        <source>Letters &amp;&amp; handouts</source>
        <translation>Brieven &amp;&amp; hand-outs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When it h&amp;appened:</source>
        <translation>W&amp;anneer gebeurd:</translation>
    </message>
    <message>
        <location line="+108"/>
        <location line="+298"/>
        <source>Mark as sent</source>
        <translation>Markeren als verstuurd</translation>
    </message>
    <message numerus="yes">
        <location line="-288"/>
        <source>Invite %n withdrawn invitee(s) again? Their invitation was withdrawn; marking it as sent invites them once more.</source>
        <translation>
            <numerusform>%n ingetrokken genodigde opnieuw uitnodigen? De uitnodiging was ingetrokken; als verstuurd markeren nodigt opnieuw uit.</numerusform>
            <numerusform>%n ingetrokken genodigden opnieuw uitnodigen? Hun uitnodiging was ingetrokken; als verstuurd markeren nodigt hen opnieuw uit.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Invite again</source>
        <translation>Opnieuw uitnodigen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Record acceptance</source>
        <translation>Aanmelding vastleggen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record tentative acceptance</source>
        <translation>Aanmelding onder voorbehoud vastleggen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record decline</source>
        <translation>Afmelding vastleggen</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+257"/>
        <source>Mark no response</source>
        <translation>Markeren als geen reactie</translation>
    </message>
    <message>
        <location line="-250"/>
        <source>Withdraw invitation</source>
        <translation>Uitnodiging intrekken</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Why is the invitation withdrawn? (%n invitee(s))</source>
        <translation>
            <numerusform>Waarom wordt de uitnodiging ingetrokken? (%n genodigde)</numerusform>
            <numerusform>Waarom worden de uitnodigingen ingetrokken? (%n genodigden)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It is recorded as withdrawn on %1 (%2).</source>
        <translation>Het wordt vastgelegd als ingetrokken op %1 (%2).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A reason is needed to withdraw an invitation.</source>
        <translation>Om een uitnodiging in te trekken is een reden nodig.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The host took the invitation back</source>
        <translation>De gastheer trok de uitnodiging in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The invitee pulled out</source>
        <translation>De genodigde trok zich terug</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who withdrew?</source>
        <translation>Wie trok zich terug?</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+216"/>
        <source>Mark attended</source>
        <translation>Markeren als aanwezig</translation>
    </message>
    <message>
        <location line="-216"/>
        <location line="+217"/>
        <source>Mark no-show</source>
        <translation>Markeren als niet verschenen</translation>
    </message>
    <message>
        <location line="-205"/>
        <location line="+209"/>
        <source>Named in public</source>
        <translation>Openbaar genoemd</translation>
    </message>
    <message>
        <location line="-209"/>
        <source>Not named in public</source>
        <translation>Niet openbaar genoemd</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Remove from the list</source>
        <translation>Van de lijst halen</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Remove %n invitee(s) from the list? The invitations were never sent.</source>
        <translation>
            <numerusform>%n genodigde van de lijst halen? De uitnodiging is nooit verstuurd.</numerusform>
            <numerusform>%n genodigden van de lijst halen? De uitnodigingen zijn nooit verstuurd.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+188"/>
        <source>Remove</source>
        <translation>Weghalen</translation>
    </message>
    <message numerus="yes">
        <location line="-173"/>
        <source>Copied %n e-mail address(es).</source>
        <translation>
            <numerusform>%n e-mailadres gekopieerd.</numerusform>
            <numerusform>%n e-mailadressen gekopieerd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n invitee(s) without an e-mail address skipped: %1</source>
        <translation>
            <numerusform>%n genodigde zonder e-mailadres overgeslagen: %1</numerusform>
            <numerusform>%n genodigden zonder e-mailadres overgeslagen: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Nothing was changed: %n of the selected invitations cannot take this step:</source>
        <translation>
            <numerusform>Er is niets veranderd: voor %n van de gekozen uitnodigingen kan deze stap niet:</numerusform>
            <numerusform>Er is niets veranderd: voor %n van de gekozen uitnodigingen kan deze stap niet:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Chair</source>
        <translation>Voorzitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speaker</source>
        <translation>Spreker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participant</source>
        <translation>Deelnemer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Observer</source>
        <translation>Toehoorder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Add invitees…</source>
        <translation>Genodigden toevoegen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted</source>
        <translation>Aangemeld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tentative</source>
        <translation>Onder voorbehoud</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Declined</source>
        <translation>Afgemeld</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Withdraw…</source>
        <translation>Intrekken…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Whether the invitee agreed to be named in public statements</source>
        <translation>Of de genodigde ermee instemt in openbare standpunten genoemd te worden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History…</source>
        <translation>Geschiedenis…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take unsent invitations off the list (Delete)</source>
        <translation>Niet-verstuurde uitnodigingen van de lijst halen (Delete)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy e-mail addresses</source>
        <translation>E-mailadressen kopiëren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export invitations…</source>
        <translation>Uitnodigingen exporteren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write a calendar file or e-mail draft per invitee into a folder (the selection, or everyone when nothing is selected)</source>
        <translation>Per genodigde een agendabestand of e-mailconcept in een map schrijven (de selectie, of iedereen als niets is geselecteerd)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export withdrawal notice…</source>
        <translation>Intrekkingsbericht exporteren…</translation>
    </message>
    <message numerus="yes">
        <location line="+75"/>
        <source>%n invited</source>
        <translation>
            <numerusform>%n uitgenodigd</numerusform>
            <numerusform>%n uitgenodigd</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n attended</source>
        <translation>
            <numerusform>%n aanwezig</numerusform>
            <numerusform>%n aanwezig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n no-show(s)</source>
        <translation>
            <numerusform>%n niet verschenen</numerusform>
            <numerusform>%n niet verschenen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n accepted</source>
        <translation>
            <numerusform>%n aangemeld</numerusform>
            <numerusform>%n aangemeld</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n tentative</source>
        <translation>
            <numerusform>%n onder voorbehoud</numerusform>
            <numerusform>%n onder voorbehoud</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n declined</source>
        <translation>
            <numerusform>%n afgemeld</numerusform>
            <numerusform>%n afgemeld</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n awaiting an answer</source>
        <translation>
            <numerusform>%n wacht op antwoord</numerusform>
            <numerusform>%n wachten op antwoord</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n no response</source>
        <translation>
            <numerusform>%n zonder reactie</numerusform>
            <numerusform>%n zonder reactie</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n withdrawn</source>
        <translation>
            <numerusform>%n ingetrokken</numerusform>
            <numerusform>%n ingetrokken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n not sent yet</source>
        <translation>
            <numerusform>%n nog niet verstuurd</numerusform>
            <numerusform>%n nog niet verstuurd</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n may be named in public</source>
        <translation>
            <numerusform>%n openbaar te noemen</numerusform>
            <numerusform>%n openbaar te noemen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InviteePicker</name>
    <message>
        <location filename="../../ui/dialogs/invitee_picker.py" line="-170"/>
        <source>Add invitees</source>
        <translation>Genodigden toevoegen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>Search people and organisations</source>
        <translation>Personen en organisaties zoeken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People and organisations</source>
        <translation>Personen en organisaties</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisations only</source>
        <translation>Alleen organisaties</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Type to filter; Ctrl+Shift+A ticks everyone shown, Down moves into the list</source>
        <translation>Typ om te filteren; Ctrl+Shift+A vinkt iedereen aan die getoond wordt, Pijl omlaag gaat naar de lijst</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>People and organisations to invite</source>
        <translation>Uit te nodigen personen en organisaties</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Tick all shown</source>
        <translation>&amp;Alle getoonde aanvinken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick every row the search shows (Ctrl+Shift+A; Ctrl+A in the list)</source>
        <translation>Elke rij aanvinken die de zoekopdracht toont (Ctrl+Shift+A; Ctrl+A in de lijst)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Untick all</source>
        <translation>Alles uitvinken</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Participant</source>
        <translation>Deelnemer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speaker</source>
        <translation>Spreker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chair</source>
        <translation>Voorzitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Observer</source>
        <translation>Toehoorder</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark as sent (the invitations went out already)</source>
        <translation>Markeren als verstuurd (de uitnodigingen zijn al verstuurd)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Role:</source>
        <translation>&amp;Rol:</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Tick at least one person or organisation to invite.</source>
        <translation>Vink minstens één persoon of organisatie aan om uit te nodigen.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>already invited</source>
        <translation>al uitgenodigd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person</source>
        <translation>Persoon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%n selected</source>
        <translation>
            <numerusform>%n gekozen</numerusform>
            <numerusform>%n gekozen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LawfulBasis</name>
    <message>
        <location filename="../../ui/dialogs/person_dialog.py" line="+35"/>
        <source>Not recorded</source>
        <translation>Niet vastgelegd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>Toestemming</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legitimate interest</source>
        <translation>Gerechtvaardigd belang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contract</source>
        <translation>Overeenkomst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal obligation</source>
        <translation>Wettelijke verplichting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public task</source>
        <translation>Taak van algemeen belang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vital interests</source>
        <translation>Vitaal belang</translation>
    </message>
</context>
<context>
    <name>Letters</name>
    <message>
        <location filename="../../ui/dialogs/letters.py" line="+45"/>
        <source>HTML (*.html);;PDF (*.pdf)</source>
        <translation>HTML (*.html);;PDF (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Wrote %n file(s) to %1.</source>
        <translation>
            <numerusform>%n bestand geschreven naar %1.</numerusform>
            <numerusform>%n bestanden geschreven naar %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Left out: %1.</source>
        <translation>Overgeslagen: %1.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 (not withdrawn)</source>
        <translation>%1 (niet ingetrokken)</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+63"/>
        <location line="+43"/>
        <source>Letters &amp;&amp; handouts</source>
        <translation>Brieven &amp;&amp; hand-outs</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>Invitation letters for the selected invitees…</source>
        <translation>Uitnodigingsbrieven voor de gekozen genodigden…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Withdrawal notices for the selected invitees…</source>
        <translation>Intrekkingsberichten voor de gekozen genodigden…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Question handout…</source>
        <translation>Hand-out met vragen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Minutes…</source>
        <translation>Notulen…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Write the letters into which folder?</source>
        <translation>In welke map moeten de brieven komen?</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+6"/>
        <source>Cannot write the letters</source>
        <translation>Kan de brieven niet schrijven</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+15"/>
        <location line="+6"/>
        <source>Cannot write the handout</source>
        <translation>Kan de hand-out niet schrijven</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Save the handout as</source>
        <translation>Hand-out opslaan als</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Wrote %1 to %2.</source>
        <translation>%1 geschreven naar %2.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/app.py" line="-112"/>
        <location filename="../../ui/main_window.py" line="+119"/>
        <source>Opening the database…</source>
        <translation>De database wordt geopend…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Welcome! This is a demo scenario to explore; your own data goes here too.</source>
        <translation>Welkom! Dit is een voorbeeldscenario om te verkennen; je eigen gegevens komen hier ook.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Upgraded the database; the old one is kept at %1.</source>
        <translation>De database is bijgewerkt; de oude versie staat in %1.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="-60"/>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Roundtables</source>
        <translation>Rondetafelgesprekken</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>People &amp;&amp; Organisations</source>
        <translation>Personen &amp;&amp; organisaties</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Statements</source>
        <translation>Standpunten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Roundtable</source>
        <translation>Roundtable</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pages</source>
        <translation>Pagina&apos;s</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>&amp;New database…</source>
        <translation>&amp;Nieuwe database…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start an empty database file</source>
        <translation>Een leeg databasebestand beginnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open database…</source>
        <translation>Database &amp;openen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open another database file</source>
        <translation>Een ander databasebestand openen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import calendar replies…</source>
        <translation>Agenda-antwoorden &amp;importeren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read RSVPs from .ics files or .eml messages (or drop them on the window)</source>
        <translation>Antwoorden op uitnodigingen lezen uit .ics-bestanden of .eml-berichten (of sleep ze op het venster)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import &amp;contacts…</source>
        <translation>&amp;Contacten importeren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add people from a CSV file (Google, Outlook, any spreadsheet) or vCards</source>
        <translation>Personen toevoegen uit een CSV-bestand (Google, Outlook, elk spreadsheet) of uit vCards</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export contacts…</source>
        <translation>Contacten e&amp;xporteren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save everyone&apos;s contact details as CSV or vCard</source>
        <translation>Ieders contactgegevens opslaan als CSV of vCard</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+303"/>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <location line="-301"/>
        <location line="+306"/>
        <source>&amp;Redo</source>
        <translation>Opnie&amp;uw</translation>
    </message>
    <message>
        <location line="-301"/>
        <source>&amp;New…</source>
        <translation>&amp;Nieuw…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create a roundtable, person or statement, depending on the page</source>
        <translation>Een rondetafelgesprek, persoon of standpunt maken, afhankelijk van de pagina</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Find</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search the list on this page</source>
        <translation>In de lijst op deze pagina zoeken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;load</source>
        <translation>Opnieuw &amp;laden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Voorkeuren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the interface language and other settings</source>
        <translation>De taal van de interface en andere instellingen kiezen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;About Roundtable</source>
        <translation>&amp;Over Roundtable</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Main toolbar</source>
        <translation>Hoofdwerkbalk</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Roundtable — %1</source>
        <translation>Roundtable — %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database in use</source>
        <translation>De database in gebruik</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open database</source>
        <translation>Database openen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Roundtable databases (*.sqlite3 *.db);;All files (*)</source>
        <translation>Roundtable-databases (*.sqlite3 *.db);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+16"/>
        <source>New database</source>
        <translation>Nieuwe database</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Roundtable databases (*.sqlite3)</source>
        <translation>Roundtable-databases (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 already exists; use Open database to open it.</source>
        <translation>%1 bestaat al; gebruik Database openen om het te openen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot open the database</source>
        <translation>Kan de database niet openen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Opened %1</source>
        <translation>%1 geopend</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Reloaded</source>
        <translation>Opnieuw geladen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Undo %1</source>
        <translation>&amp;Ongedaan maken: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Redo %1</source>
        <translation>Opnie&amp;uw: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot undo or redo</source>
        <translation>Kan niet ongedaan maken of opnieuw doen</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Saved. The new language shows when you start Roundtable again.</source>
        <translation>Opgeslagen. De nieuwe taal verschijnt als je Roundtable opnieuw start.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preferences saved.</source>
        <translation>Voorkeuren opgeslagen.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reloaded: you now see the saved version.</source>
        <translation>Opnieuw geladen: je ziet nu de opgeslagen versie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The change was not saved</source>
        <translation>De wijziging is niet opgeslagen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cannot show the latest changes: %1</source>
        <translation>Kan de laatste wijzigingen niet tonen: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Updated: changes by %1 at %2</source>
        <translation>Bijgewerkt: wijzigingen door %1 om %2</translation>
    </message>
</context>
<context>
    <name>MergePeopleDialog</name>
    <message>
        <location filename="../../ui/dialogs/merge_people.py" line="-110"/>
        <source>Same name</source>
        <translation>Zelfde naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same words, other order</source>
        <translation>Zelfde woorden, andere volgorde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initials match</source>
        <translation>Initialen komen overeen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Similar spelling (%1)</source>
        <translation>Lijkende spelling (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lawful basis</source>
        <translation>Grondslag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent note</source>
        <translation>Toelichting toestemming</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Privacy review</source>
        <translation>Privacycontrole</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+31"/>
        <source>1 invitation</source>
        <translation>1 uitnodiging</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+31"/>
        <source>%1 invitations</source>
        <translation>%1 uitnodigingen</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>1 invitation joined with the kept one</source>
        <translation>1 uitnodiging samengevoegd met de bewaarde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 invitations joined with the kept ones</source>
        <translation>%1 uitnodigingen samengevoegd met de bewaarde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 history entry</source>
        <translation>1 regel in de geschiedenis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 history entries</source>
        <translation>%1 regels in de geschiedenis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 question</source>
        <translation>1 vraag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 questions</source>
        <translation>%1 vragen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 note in the minutes</source>
        <translation>1 notitie in de notulen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 notes in the minutes</source>
        <translation>%1 notities in de notulen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 action item</source>
        <translation>1 actiepunt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 action items</source>
        <translation>%1 actiepunten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 roundtable they organise</source>
        <translation>1 rondetafelgesprek dat deze persoon organiseert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 roundtables they organise</source>
        <translation>%1 rondetafelgesprekken die deze persoon organiseert</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Both of %1</source>
        <translation>Allebei van %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Both without an organisation</source>
        <translation>Allebei zonder organisatie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, names “%2” and “%3” (%4)</source>
        <translation>%1, namen “%2” en “%3” (%4)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>(empty)</source>
        <translation>(leeg)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Nothing else refers to the other person.</source>
        <translation>Verder verwijst niets naar de andere persoon.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 and %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 move to the person you keep.</source>
        <translation>%1 gaan over naar de persoon die je bewaart.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” is kept; “%2” is deleted after the merge.</source>
        <translation>“%1” blijft; “%2” wordt na het samenvoegen verwijderd.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Details that change:</source>
        <translation>Gegevens die veranderen:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>• %1: %2 → %3</source>
        <translation>• %1: %2 → %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No details change.</source>
        <translation>Er veranderen geen gegevens.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Both were invited to:</source>
        <translation>Allebei uitgenodigd voor:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>• “%1”: the kept invitation stays %2; the other one’s history (%3, last %4) is moved into it.</source>
        <translation>• “%1”: de bewaarde uitnodiging blijft %2; de geschiedenis van de andere (%3, laatst %4) gaat erin over.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not kept, because the kept person has their own:</source>
        <translation>Niet bewaard, omdat de bewaarde persoon die zelf al heeft:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>• %1: %2</source>
        <translation>• %1: %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Merge duplicate people</source>
        <translation>Dubbele personen samenvoegen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>People of the same organisation (or both without one) whose names are alike. Choose a pair and whom to keep: the other person’s invitations, history, questions and notes move to them, and the other is deleted.</source>
        <translation>Personen van dezelfde organisatie (of allebei zonder) met namen die op elkaar lijken. Kies een paar en wie je bewaart: de uitnodigingen, geschiedenis, vragen en notities van de ander gaan naar die persoon, en de ander wordt verwijderd.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No likely duplicates found.</source>
        <translation>Geen waarschijnlijke dubbelen gevonden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Keep</source>
        <translation>Bewaren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What the merge does</source>
        <translation>Wat het samenvoegen doet</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Merge…</source>
        <translation>&amp;Samenvoegen…</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>%1 &lt;%2&gt;, %3</source>
        <translation>%1 &lt;%2&gt;, %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (no e-mail), %2</source>
        <translation>%1 (geen e-mail), %2</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Merge people</source>
        <translation>Personen samenvoegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Merge “%1” into “%2”?

Everything of “%1” moves to “%2”, and “%1” is deleted. A merge cannot be undone, and Edit &gt; Undo forgets every earlier step.</source>
        <translation>“%1” samenvoegen met “%2”?

Alles van “%1” gaat naar “%2”, en “%1” wordt verwijderd. Samenvoegen kan niet ongedaan worden gemaakt, en Bewerken &gt; Ongedaan maken vergeet alle eerdere stappen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merge</source>
        <translation>Samenvoegen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Merged “%1” into “%2”.</source>
        <translation>“%1” samengevoegd met “%2”.</translation>
    </message>
</context>
<context>
    <name>MinutesTab</name>
    <message>
        <location filename="../../ui/pages/minutes_tab.py" line="-485"/>
        <source>Decision</source>
        <translation>Beslissing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <location line="+399"/>
        <source>Add item…</source>
        <translation>Nieuw punt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename…</source>
        <translation>Hernoemen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+62"/>
        <location line="+71"/>
        <location line="+144"/>
        <location line="+30"/>
        <location line="+36"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location line="-342"/>
        <source>Delete the item with its notes</source>
        <translation>Het punt met zijn notities verwijderen</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Move up (Ctrl+Up)</source>
        <translation>Omhoog (Ctrl+Pijl omhoog)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Move up</source>
        <translation>Omhoog</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Move down</source>
        <translation>Omlaag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down (Ctrl+Down)</source>
        <translation>Omlaag (Ctrl+Pijl omlaag)</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Not for attribution</source>
        <translation>Niet toeschrijven</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chatham House rule: published output may use this, but never names who said it.</source>
        <translation>Chatham House-regel: publicaties mogen dit gebruiken, maar noemen nooit wie het zei.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Notes and decisions</source>
        <translation>Notities en beslissingen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add note…</source>
        <translation>Notitie toevoegen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add decision…</source>
        <translation>Beslissing toevoegen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+71"/>
        <source>Edit…</source>
        <translation>Bewerken…</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+14"/>
        <source>Overdue</source>
        <translation>Te laat</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Action items</source>
        <translation>Actiepunten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search action items (Ctrl+F)</source>
        <translation>Actiepunten zoeken (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All action items</source>
        <translation>Alle actiepunten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add action item…</source>
        <translation>Actiepunt toevoegen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done / not done</source>
        <translation>Klaar / niet klaar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tick off (Space)</source>
        <translation>Afvinken (Spatie)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;Agenda&lt;/b&gt;</source>
        <translation>&lt;b&gt;Agenda&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+233"/>
        <source>&lt;b&gt;Notes and decisions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Notities en beslissingen&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="-218"/>
        <source>&lt;b&gt;Action items&lt;/b&gt;</source>
        <translation>&lt;b&gt;Actiepunten&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>New agenda item</source>
        <translation>Nieuw agendapunt</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+12"/>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rename agenda item</source>
        <translation>Agendapunt hernoemen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete the agenda item “%1” and its %2 notes? Edit &gt; Undo brings it back.</source>
        <translation>Het agendapunt “%1” en de %2 notities erbij verwijderen? Met Bewerken &gt; Ongedaan maken komt het terug.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete agenda item</source>
        <translation>Agendapunt verwijderen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Delete this %1? Edit &gt; Undo brings it back.</source>
        <translation>Deze %1 verwijderen? Met Bewerken &gt; Ongedaan maken komt die terug.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete note</source>
        <translation>Notitie verwijderen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Delete the action item “%1”? Edit &gt; Undo brings it back.</source>
        <translation>Het actiepunt “%1” verwijderen? Met Bewerken &gt; Ongedaan maken komt het terug.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete action item</source>
        <translation>Actiepunt verwijderen</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>&lt;b&gt;Notes and decisions&lt;/b&gt; under “%1”</source>
        <translation>&lt;b&gt;Notities en beslissingen&lt;/b&gt; bij “%1”</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location line="-640"/>
        <source>(nobody named)</source>
        <translation>(niemand genoemd)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not for attribution (Chatham House rule: never name the speaker)</source>
        <translation>Niet toeschrijven (Chatham House-regel: noem de spreker nooit)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edit note</source>
        <translation>Notitie bewerken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New decision</source>
        <translation>Nieuwe beslissing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New note</source>
        <translation>Nieuwe notitie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Kind</source>
        <translation>&amp;Soort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Text *</source>
        <translation>&amp;Tekst *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Speaker</source>
        <translation>S&amp;preker</translation>
    </message>
</context>
<context>
    <name>OrganisationDialog</name>
    <message>
        <location filename="../../ui/dialogs/organisation_dialog.py" line="+143"/>
        <source>New organisation</source>
        <translation>Nieuwe organisatie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit organisation</source>
        <translation>Organisatie bewerken</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. Bits of Freedom</source>
        <translation>bijv. Bits of Freedom</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>General address, e.g. info@example.org</source>
        <translation>Algemeen adres, bijv. info@example.org</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is our organisation</source>
        <translation>Dit is onze organisatie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The organisation whose coordinator keeps this database (only one can be).</source>
        <translation>De organisatie waarvan de coördinator deze database bijhoudt (er kan er maar één zijn).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind</source>
        <translation>&amp;Soort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Website</source>
        <translation>&amp;Website</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes</source>
        <translation>N&amp;otities</translation>
    </message>
</context>
<context>
    <name>OrganisationKind</name>
    <message>
        <location line="-210"/>
        <source>NGO</source>
        <translation>Ngo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>Bedrijf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Government</source>
        <translation>Overheid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parliament</source>
        <translation>Parlement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Academic</source>
        <translation>Wetenschap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Media</source>
        <translation>Media</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Overig</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../ui/pages/overview_tab.py" line="-219"/>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edited</source>
        <translation>Bewerkt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>Gepland</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rescheduled</source>
        <translation>Verzet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postponed</source>
        <translation>Uitgesteld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Afgelast</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marked as held</source>
        <translation>Gemarkeerd als gehouden</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>&amp;Schedule</source>
        <translation>&amp;Inplannen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reschedule</source>
        <translation>Ver&amp;zetten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Postpone…</source>
        <translation>&amp;Uitstellen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;ncel…</source>
        <translation>A&amp;fgelasten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark as &amp;held</source>
        <translation>Ge&amp;houden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the roundtable the date and time above</source>
        <translation>Het rondetafelgesprek de datum en tijd hierboven geven</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the roundtable to the times above</source>
        <translation>Het rondetafelgesprek naar de tijden hierboven verzetten</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>When it h&amp;appened:</source>
        <translation>W&amp;anneer gebeurd:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export for the whole list…</source>
        <translation>Exporteren voor de hele lijst…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One invitation file naming every invitee (for a list that may see itself)</source>
        <translation>Eén uitnodigingsbestand met alle genodigden erin (voor een lijst die elkaar mag zien)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export cancellation…</source>
        <translation>Afgelasting exporteren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calendar</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cal&amp;endar</source>
        <translation>&amp;Agenda</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Letters &amp;&amp; handouts</source>
        <translation>Brieven &amp;&amp; hand-outs</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(no host)</source>
        <translation>(geen gastheer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no organiser)</source>
        <translation>(geen organisator)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type part of a name to search</source>
        <translation>Typ een deel van een naam om te zoeken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Starts</source>
        <translation>Begint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ends</source>
        <translation>Eindigt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List in the public calendar</source>
        <translation>Opnemen in de openbare agenda</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>&amp;Title *</source>
        <translation>&amp;Titel *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;opic</source>
        <translation>&amp;Onderwerp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Host</source>
        <translation>&amp;Gastheer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Or&amp;ganiser</source>
        <translation>O&amp;rganisator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Venue</source>
        <translation>&amp;Locatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online &amp;link</source>
        <translation>Onlinelin&amp;k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;When</source>
        <translation>&amp;Wanneer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Description</source>
        <translation>&amp;Beschrijving</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>History of this roundtable</source>
        <translation>Geschiedenis van dit rondetafelgesprek</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Change history</source>
        <translation>Wijzigingsgeschiedenis</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Reason: %1</source>
        <translation>Reden: %1</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>It can be marked as held once it has started.</source>
        <translation>Het kan als gehouden worden gemarkeerd zodra het begonnen is.</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Press Reschedule to move the roundtable to these times.</source>
        <translation>Druk op Verzetten om het rondetafelgesprek naar deze tijden te verzetten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Press Schedule to give the roundtable these times.</source>
        <translation>Druk op Inplannen om het rondetafelgesprek deze tijden te geven.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Postpone roundtable</source>
        <translation>Rondetafelgesprek uitstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is it postponed? (optional; invitees may see this)</source>
        <translation>Waarom wordt het uitgesteld? (optioneel; genodigden kunnen dit zien)</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+4"/>
        <source>Cancel roundtable</source>
        <translation>Rondetafelgesprek afgelasten</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Why is it cancelled? (required; statements may quote it)</source>
        <translation>Waarom wordt het afgelast? (verplicht; standpunten kunnen dit citeren)</translation>
    </message>
    <message>
        <location line="-490"/>
        <source>Counts the changes invitees&apos; calendars must follow (a new time or place). Calendar files exported now carry the latest, so calendars update.</source>
        <translation>Telt de wijzigingen die de agenda’s van genodigden moeten volgen (een nieuwe tijd of plaats). Agendabestanden die u nu exporteert bevatten de laatste, zodat agenda’s bijwerken.</translation>
    </message>
    <message>
        <location line="+496"/>
        <source>A reason is needed to cancel a roundtable.</source>
        <translation>Om een rondetafelgesprek af te gelasten is een reden nodig.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>No calendar updates yet</source>
        <translation>Nog geen agenda-updates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar update %1</source>
        <translation>Agenda-update %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Changed</source>
        <translation>Gewijzigd</translation>
    </message>
</context>
<context>
    <name>Parties</name>
    <message>
        <location filename="../../ui/parties.py" line="+39"/>
        <source>%1 (organisation)</source>
        <translation>%1 (organisatie)</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../ui/pages/people_page.py" line="+190"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search people by name, e-mail, organisation… (Ctrl+F)</source>
        <translation>Personen zoeken op naam, e-mail, organisatie… (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All people</source>
        <translation>Alle personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With e-mail</source>
        <translation>Met e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without e-mail</source>
        <translation>Zonder e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erased</source>
        <translation>Gewist</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Organisations</source>
        <translation>Organisaties</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search organisations (Ctrl+F)</source>
        <translation>Organisaties zoeken (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All kinds</source>
        <translation>Alle soorten</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>person</source>
        <translation>persoon</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>organisation</source>
        <translation>organisatie</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>People and organisations</source>
        <translation>Personen en organisaties</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;People</source>
        <translation>&amp;Personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>O&amp;rganisations</source>
        <translation>O&amp;rganisaties</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Cannot edit</source>
        <translation>Kan niet bewerken</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete “%1”? This can be undone with Edit &gt; Undo.</source>
        <translation>“%1” verwijderen? Dit kan ongedaan worden gemaakt met Bewerken &gt; Ongedaan maken.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot delete “%1”</source>
        <translation>Kan “%1” niet verwijderen</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Edit…</source>
        <translation>Bewerken…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&amp;Import contacts…</source>
        <translation>Contacten &amp;importeren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add people from a CSV or vCard file, with a preview first</source>
        <translation>Personen toevoegen uit een CSV- of vCard-bestand, eerst met een voorbeeld</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xport contacts…</source>
        <translation>Contacten e&amp;xporteren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find &amp;duplicates…</source>
        <translation>&amp;Dubbelen zoeken…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People who may be the same person, to merge them</source>
        <translation>Personen die misschien dezelfde zijn, om ze samen te voegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Subject access report…</source>
        <translation>In&amp;zageverslag…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything Roundtable holds about the selected person, for them to see</source>
        <translation>Alles wat Roundtable over de gekozen persoon bewaart, zodat die het kan inzien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Erase personal data…</source>
        <translation>Persoonsgegevens &amp;wissen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace the selected person&apos;s details; their invitations stay counted</source>
        <translation>De gegevens van de gekozen persoon vervangen; hun uitnodigingen blijven meetellen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import contacts…</source>
        <translation>Contacten importeren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export contacts…</source>
        <translation>Contacten exporteren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More</source>
        <translation>Meer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicates and privacy</source>
        <translation>Dubbelen en privacy</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 was erased: nothing personal is left to report or erase.</source>
        <translation>%1 is gewist: er is niets persoonlijks meer om te tonen of te wissen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select one person first.</source>
        <translation>Kies eerst één persoon.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the %1 selected people</source>
        <translation>De %1 gekozen personen exporteren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export everyone as CSV or vCard (select several people to export only them)</source>
        <translation>Iedereen exporteren als CSV of vCard (kies meerdere personen om alleen hen te exporteren)</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Select a row to see its roundtables.</source>
        <translation>Kies een rij om de rondetafelgesprekken te zien.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Roundtables of %1</source>
        <translation>Rondetafelgesprekken van %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 was never invited to a roundtable.</source>
        <translation>%1 is nooit uitgenodigd voor een rondetafelgesprek.</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <location filename="../../ui/dialogs/person_dialog.py" line="+23"/>
        <source>New person</source>
        <translation>Nieuwe persoon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit person</source>
        <translation>Persoon bewerken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>First and last name</source>
        <translation>Voor- en achternaam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>name@example.org</source>
        <translation>naam@example.org</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no organisation)</source>
        <translation>(geen organisatie)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type part of a name to search</source>
        <translation>Typ een deel van een naam om te zoeken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. Policy officer</source>
        <translation>bijv. Beleidsmedewerker</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A language code such as en, nl or pt-BR</source>
        <translation>Een taalcode zoals en, nl of pt-BR</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why we may keep this person&apos;s details (GDPR article 6)</source>
        <translation>Waarom we de gegevens van deze persoon mogen bewaren (AVG artikel 6)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>When and how consent was given, if it was</source>
        <translation>Wanneer en hoe toestemming is gegeven, als dat zo is</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Organisation</source>
        <translation>&amp;Organisatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role</source>
        <translation>&amp;Rol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phone</source>
        <translation>&amp;Telefoon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>T&amp;aal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lawful &amp;basis</source>
        <translation>&amp;Grondslag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Consent note</source>
        <translation>Toelichting toe&amp;stemming</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No&amp;tes</source>
        <translation>Not&amp;ities</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>New organisation…</source>
        <translation>Nieuwe organisatie…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>There is no organisation called “%1”; choose New organisation… to add it.</source>
        <translation>Er is geen organisatie met de naam “%1”; kies Nieuwe organisatie… om die toe te voegen.</translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <location filename="../../ui/pages/privacy_page.py" line="+253"/>
        <source>Privacy tools</source>
        <translation>Privacyhulpmiddelen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Review</source>
        <translation>&amp;Controle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Audit log</source>
        <translation>&amp;Logboek</translation>
    </message>
</context>
<context>
    <name>QuestionDialog</name>
    <message>
        <location filename="../../ui/pages/questions_tab.py" line="-118"/>
        <source>Edit question</source>
        <translation>Vraag bewerken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New question</source>
        <translation>Nieuwe vraag</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Required: the question as it will be put</source>
        <translation>Verplicht: de vraag zoals die gesteld wordt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(nobody named)</source>
        <translation>(niemand genoemd)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Question *</source>
        <translation>&amp;Vraag *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Asked by</source>
        <translation>&amp;Gesteld door</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
</context>
<context>
    <name>QuestionsTab</name>
    <message>
        <location line="+109"/>
        <source>Search questions</source>
        <translation>Vragen zoeken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search questions (Ctrl+F)</source>
        <translation>Vragen zoeken (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the questions of one person or delegation</source>
        <translation>De vragen van één persoon of delegatie tonen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Questions</source>
        <translation>Vragen</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&amp;Add question…</source>
        <translation>Vraag &amp;toevoegen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bewerken…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move &amp;up</source>
        <translation>&amp;Omhoog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask this question earlier (Ctrl+Up)</source>
        <translation>Deze vraag eerder stellen (Ctrl+Pijl omhoog)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move do&amp;wn</source>
        <translation>Om&amp;laag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask this question later (Ctrl+Down)</source>
        <translation>Deze vraag later stellen (Ctrl+Pijl omlaag)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A&amp;nswer received</source>
        <translation>&amp;Antwoord ontvangen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What the answer was; saved when you leave the field</source>
        <translation>Wat het antwoord was; wordt opgeslagen zodra je het veld verlaat</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Delete the question “%1”? Edit &gt; Undo brings it back.</source>
        <translation>De vraag “%1” verwijderen? Met Bewerken &gt; Ongedaan maken komt die terug.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete question</source>
        <translation>Vraag verwijderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+39"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Edit…</source>
        <translation>Bewerken…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move up</source>
        <translation>Omhoog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>Omlaag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>All askers</source>
        <translation>Alle vragenstellers</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(nobody named)</source>
        <translation>(niemand genoemd)</translation>
    </message>
</context>
<context>
    <name>ResponseBar</name>
    <message>
        <location filename="../../ui/widgets/response_bar.py" line="+32"/>
        <source>accepted</source>
        <translation>aangemeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tentative</source>
        <translation>onder voorbehoud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>declined</source>
        <translation>afgemeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no response</source>
        <translation>geen reactie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawn</source>
        <translation>ingetrokken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 accepted</source>
        <translation>%1 aangemeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 tentative</source>
        <translation>%1 onder voorbehoud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 declined</source>
        <translation>%1 afgemeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 no response</source>
        <translation>%1 zonder reactie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 withdrawn</source>
        <translation>%1 ingetrokken</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>nobody invited yet</source>
        <translation>nog niemand uitgenodigd</translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <location filename="../../ui/pages/privacy_page.py" line="-326"/>
        <source>(none)</source>
        <translation>(geen)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source> months</source>
        <translation> maanden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>After how many months a person&apos;s details come up for review (1 to 240)</source>
        <translation>Na hoeveel maanden de gegevens van een persoon gecontroleerd moeten worden (1 tot 240)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Retention period:</source>
        <translation>&amp;Bewaartermijn:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Everyone invited to a roundtable comes up for review when that many months have passed since the last one they were invited to. Keep their details for another period, or erase them.</source>
        <translation>Iedereen die voor een rondetafelgesprek is uitgenodigd, komt voor controle in aanmerking als er zoveel maanden zijn verstreken sinds het laatste gesprek waarvoor die persoon is uitgenodigd. Bewaar de gegevens nog een termijn, of wis ze.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>People due for review</source>
        <translation>Te controleren personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search by name, organisation, e-mail, roundtable… (Ctrl+F)</source>
        <translation>Zoeken op naam, organisatie, e-mail, rondetafelgesprek… (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everyone due</source>
        <translation>Iedereen die aan de beurt is</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never kept before</source>
        <translation>Nooit eerder bewaard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept before</source>
        <translation>Eerder bewaard</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No lawful basis recorded</source>
        <translation>Geen grondslag vastgelegd</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+101"/>
        <source>&amp;Keep</source>
        <translation>B&amp;ewaren</translation>
    </message>
    <message>
        <location line="-99"/>
        <location line="+102"/>
        <source>&amp;Erase…</source>
        <translation>&amp;Wissen…</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Replace the personal details; cannot be undone</source>
        <translation>De persoonsgegevens vervangen; kan niet ongedaan worden gemaakt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export personal &amp;data…</source>
        <translation>Persoons&amp;gegevens exporteren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything the database holds about the selected person, as JSON and HTML</source>
        <translation>Alles wat de database over de gekozen persoon bevat, als JSON en HTML</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Nobody is due for review.</source>
        <translation>Niemand hoeft nu gecontroleerd te worden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The next one is due on %1.</source>
        <translation>De volgende is aan de beurt op %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Personal details are reviewed 1 month after a person&apos;s last roundtable.</source>
        <translation>Persoonsgegevens worden 1 maand na het laatste rondetafelgesprek van een persoon gecontroleerd.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Personal details are reviewed %1 months after a person&apos;s last roundtable.</source>
        <translation>Persoonsgegevens worden %1 maanden na het laatste rondetafelgesprek van een persoon gecontroleerd.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Keep the selected people&apos;s details for another month</source>
        <translation>De gegevens van de gekozen personen nog een maand bewaren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep the selected people&apos;s details for another %1 months</source>
        <translation>De gegevens van de gekozen personen nog %1 maanden bewaren</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Keep %1</source>
        <translation>%1 b&amp;ewaren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Erase %1…</source>
        <translation>%1 &amp;wissen…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot change the retention period</source>
        <translation>Kan de bewaartermijn niet wijzigen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot keep</source>
        <translation>Kan niet bewaren</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot erase</source>
        <translation>Kan niet wissen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Erased</source>
        <translation>Gewist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The personal details of “%1” were erased; the person is now “%2”.</source>
        <translation>De persoonsgegevens van “%1” zijn gewist; de persoon heet nu “%2”.</translation>
    </message>
</context>
<context>
    <name>RoundtableDialog</name>
    <message>
        <location filename="../../ui/dialogs/roundtable_dialog.py" line="+66"/>
        <source>New roundtable</source>
        <translation>Nieuw rondetafelgesprek</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Required, e.g. Project Clover roundtable</source>
        <translation>Verplicht, bijv. Rondetafelgesprek Project Clover</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no host)</source>
        <translation>(geen gastheer)</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>New organisation</source>
        <translation>Nieuwe organisatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no organisation called “%1” yet. Add it, and make it the host?</source>
        <translation>Er is nog geen organisatie „%1”. Toevoegen en als gastheer instellen?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add organisation</source>
        <translation>Organisatie toevoegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Type part of a name to search, or a new organisation&apos;s name</source>
        <translation>Typ een deel van een naam om te zoeken, of de naam van een nieuwe organisatie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host</source>
        <translation>Gastheer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no organiser)</source>
        <translation>(geen organisator)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The person invitees reply to; calendar files need one with an e-mail address</source>
        <translation>De persoon aan wie genodigden antwoorden; agendabestanden vragen er een met e-mailadres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Organiser</source>
        <translation>Organisator</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Address or room</source>
        <translation>Adres of zaal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Schedule now (otherwise it stays a draft)</source>
        <translation>Nu inplannen (anders blijft het een concept)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&amp;Title *</source>
        <translation>&amp;Titel *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;opic</source>
        <translation>&amp;Onderwerp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Host</source>
        <translation>&amp;Gastheer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Or&amp;ganiser</source>
        <translation>Or&amp;ganisator</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;When</source>
        <translation>&amp;Wanneer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Venue</source>
        <translation>&amp;Locatie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online &amp;link</source>
        <translation>Onlinelin&amp;k</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starts</source>
        <translation>Begint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ends</source>
        <translation>Eindigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>* required</source>
        <translation>* verplicht</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Create</source>
        <translation>Aanmaken</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>“%1” is not one of the people listed: choose the organiser from the list, or leave it empty.</source>
        <translation>“%1” staat niet in de lijst met personen: kies de organisator uit de lijst, of laat het leeg.</translation>
    </message>
</context>
<context>
    <name>RoundtablesPage</name>
    <message>
        <location filename="../../ui/pages/roundtables_page.py" line="+6"/>
        <source>Roundtables</source>
        <translation>Rondetafelgesprekken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search roundtables (Ctrl+F)</source>
        <translation>Gesprekken zoeken (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All roundtables</source>
        <translation>Alle gesprekken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upcoming</source>
        <translation>Komend</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>New roundtable…</source>
        <translation>Nieuw gesprek…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a roundtable (Ctrl+N)</source>
        <translation>Een rondetafelgesprek maken (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+120"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Delete a draft roundtable that was never sent</source>
        <translation>Een concept-rondetafelgesprek verwijderen dat nooit is verstuurd</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Roundtable details</source>
        <translation>Gegevens van het rondetafelgesprek</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Overview</source>
        <translation>&amp;Overzicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Invitations</source>
        <translation>&amp;Uitnodigingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Questions</source>
        <translation>&amp;Vragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Minutes</source>
        <translation>&amp;Notulen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-&amp;up</source>
        <translation>Ve&amp;rvolg</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a roundtable on the left, or create one with New roundtable…</source>
        <translation>Kies links een rondetafelgesprek, of maak er een met Nieuw rondetafelgesprek…</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Delete the draft “%1”? This can be undone with Edit &gt; Undo.</source>
        <translation>Het concept “%1” verwijderen? Dit kan ongedaan worden gemaakt met Bewerken &gt; Ongedaan maken.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete roundtable</source>
        <translation>Rondetafelgesprek verwijderen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot delete the roundtable</source>
        <translation>Kan het rondetafelgesprek niet verwijderen</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../ui/settings.py" line="+69"/>
        <source>Interface language</source>
        <translation>Taal van de interface</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As the system (%1)</source>
        <translation>Zoals het systeem (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The language of menus, buttons and messages. Statements and letters have their own language.</source>
        <translation>De taal van menu&apos;s, knoppen en meldingen. Standpunten en brieven hebben hun eigen taal.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="+42"/>
        <source>Preferences</source>
        <translation>Voorkeuren</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The new language shows when you start Roundtable again.</source>
        <translation>De nieuwe taal verschijnt als je Roundtable opnieuw start.</translation>
    </message>
</context>
<context>
    <name>StatementEditor</name>
    <message>
        <location filename="../../ui/pages/statement_editor.py" line="-148"/>
        <source>The short name in file names and web addresses: a-z, 0-9 and hyphens</source>
        <translation>De korte naam in bestandsnamen en webadressen: a-z, 0-9 en koppeltekens</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Publishing without a date takes today&apos;s</source>
        <translation>Publiceren zonder datum neemt die van vandaag</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Machine translation (DeepL), checked by …</source>
        <translation>bijv. Machinevertaling (DeepL), gecontroleerd door …</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>&amp;Title *</source>
        <translation>&amp;Titel *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Short name *</source>
        <translation>&amp;Korte naam *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language *</source>
        <translation>T&amp;aal *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>St&amp;atus</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Published on</source>
        <translation>&amp;Gepubliceerd op</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Te&amp;mplate *</source>
        <translation>S&amp;jabloon *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;ranslation note</source>
        <translation>&amp;Vertaalnotitie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ummary</source>
        <translation>Sa&amp;menvatting</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sections</source>
        <translation>Secties</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add section…</source>
        <translation>Sectie toevoegen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+74"/>
        <location line="+30"/>
        <source>Edit…</source>
        <translation>Bewerken…</translation>
    </message>
    <message>
        <location line="-103"/>
        <location line="+74"/>
        <location line="+30"/>
        <location line="+384"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location line="-487"/>
        <source>Move up</source>
        <translation>Omhoog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>Omlaag</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Roundtables of this statement</source>
        <translation>Rondetafelgesprekken bij dit standpunt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the roundtables this statement is about.</source>
        <translation>Vink de rondetafelgesprekken aan waar dit standpunt over gaat.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>References</source>
        <translation>Bronnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add reference…</source>
        <translation>Bron toevoegen…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add update…</source>
        <translation>Update toevoegen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Parts of the statement</source>
        <translation>Onderdelen van het standpunt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ections</source>
        <translation>Se&amp;cties</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Roundtables</source>
        <translation>&amp;Rondetafelgesprekken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;ferences</source>
        <translation>&amp;Bronnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Updates</source>
        <translation>&amp;Updates</translation>
    </message>
    <message>
        <location line="+168"/>
        <source>Cannot save the statement</source>
        <translation>Kan het standpunt niet opslaan</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+57"/>
        <source>&amp;Key</source>
        <translation>&amp;Sleutel</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>&amp;Heading</source>
        <translation>&amp;Kop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Text</source>
        <translation>&amp;Tekst</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>New section</source>
        <translation>Nieuwe sectie</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Edit section</source>
        <translation>Sectie bewerken</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+51"/>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>&amp;URL</source>
        <translation>&amp;URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Publisher</source>
        <translation>Uit&amp;gever</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+47"/>
        <source>&amp;Date</source>
        <translation>&amp;Datum</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>&amp;Note</source>
        <translation>&amp;Notitie</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>New reference</source>
        <translation>Nieuwe bron</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Edit reference</source>
        <translation>Bron bewerken</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>T&amp;ext</source>
        <translation>Te&amp;kst</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>New update</source>
        <translation>Nieuwe update</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit update</source>
        <translation>Update bewerken</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot change the statement</source>
        <translation>Kan het standpunt niet wijzigen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Delete “%1”? This can be undone with Edit &gt; Undo.</source>
        <translation>“%1” verwijderen? Dit kan ongedaan worden gemaakt met Bewerken &gt; Ongedaan maken.</translation>
    </message>
</context>
<context>
    <name>StatementPreview</name>
    <message>
        <location filename="../../ui/pages/statement_preview.py" line="-79"/>
        <location line="+279"/>
        <source>Export statement</source>
        <translation>Standpunt exporteren</translation>
    </message>
    <message>
        <location line="-213"/>
        <source>The template the preview and Export use</source>
        <translation>Het sjabloon dat het voorbeeld en Exporteren gebruiken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Names in this output</source>
        <translation>Namen in deze uitvoer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every person and organisation the output names: check before you publish</source>
        <translation>Elke persoon en organisatie die de uitvoer noemt: controleer dit voordat je publiceert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy as HTML</source>
        <translation>Kopiëren als HTML</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy as Markdown</source>
        <translation>Kopiëren als Markdown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open templates folder</source>
        <translation>Sjablonenmap openen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your own templates go here; copy a built-in one to start from it</source>
        <translation>Hier komen je eigen sjablonen; kopieer een ingebouwd sjabloon om ermee te beginnen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Template:</source>
        <translation>Sjabloon:</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>%1 (yours)</source>
        <translation>%1 (van jou)</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Cannot copy the statement</source>
        <translation>Kan het standpunt niet kopiëren</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Wrote %1 to %2.</source>
        <translation>%1 geschreven naar %2.</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+5"/>
        <source>Cannot export the statement</source>
        <translation>Kan het standpunt niet exporteren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1: %2</source>
        <translation>Kan %1 niet schrijven: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot open the templates folder</source>
        <translation>Kan de sjablonenmap niet openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot create %1: %2</source>
        <translation>Kan %1 niet aanmaken: %2</translation>
    </message>
</context>
<context>
    <name>StatementsPage</name>
    <message>
        <location filename="../../ui/pages/statements_page.py" line="+5"/>
        <source>Statements</source>
        <translation>Standpunten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search statements (Ctrl+F)</source>
        <translation>Standpunten zoeken (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New statement…</source>
        <translation>Nieuw standpunt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a statement (Ctrl+N)</source>
        <translation>Een standpunt maken (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+111"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>Delete the selected statement with its sections, sources and updates (Del)</source>
        <translation>Het gekozen standpunt verwijderen, met zijn onderdelen, bronnen en updates (Del)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>New statement</source>
        <translation>Nieuw standpunt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot create the statement</source>
        <translation>Kan het standpunt niet maken</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Delete statement</source>
        <translation>Standpunt verwijderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete “%1” with its sections, sources and dated updates? Edit &gt; Undo (Ctrl+Z) brings it back.</source>
        <translation>“%1” verwijderen, met zijn onderdelen, bronnen en gedateerde updates? Bewerken &gt; Ongedaan maken (Ctrl+Z) haalt het terug.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot delete the statement</source>
        <translation>Het standpunt kan niet worden verwijderd</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../ui/formatting.py" line="+31"/>
        <source>Draft</source>
        <translation>Concept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>Gepland</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postponed</source>
        <translation>Uitgesteld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Afgelast</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held</source>
        <translation>Gehouden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not sent</source>
        <translation>Niet verstuurd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invited</source>
        <translation>Uitgenodigd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>Aangemeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tentative</source>
        <translation>Onder voorbehoud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declined</source>
        <translation>Afgemeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No response</source>
        <translation>Geen reactie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>Ingetrokken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attended</source>
        <translation>Aanwezig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No-show</source>
        <translation>Niet verschenen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting</source>
        <translation>Nog geen antwoord</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Submitted</source>
        <translation>Ingediend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked</source>
        <translation>Gesteld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>Beantwoord</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unanswered</source>
        <translation>Onbeantwoord</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Published</source>
        <translation>Gepubliceerd</translation>
    </message>
</context>
<context>
    <name>SubjectAccess</name>
    <message>
        <location filename="../../ui/dialogs/privacy_access.py" line="+16"/>
        <source>Could not write into the folder %1: %2.</source>
        <translation>Kon niet schrijven in de map %1: %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The export was not recorded; choose another folder and try again.</source>
        <translation>De export is niet vastgelegd; kies een andere map en probeer het opnieuw.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export personal data</source>
        <translation>Persoonsgegevens exporteren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Folder for the personal data report</source>
        <translation>Map voor het verslag met persoonsgegevens</translation>
    </message>
</context>
<context>
    <name>WhenEdit</name>
    <message>
        <location filename="../../ui/widgets/when_edit.py" line="+40"/>
        <source>When it happened</source>
        <translation>Wanneer het gebeurde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When it happened: the steps you record next are dated at this time. Leave it at now, or type the date it really happened.</source>
        <translation>Wanneer het gebeurde: de stappen die je hierna vastlegt krijgen deze tijd. Laat het op nu staan, of typ wanneer het echt gebeurde.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set to now</source>
        <translation>Op nu zetten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date the next steps at the moment they are recorded</source>
        <translation>De volgende stappen krijgen het moment waarop ze worden vastgelegd</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>“When it happened” is later than now (%1); type the time it really happened, or press Now.</source>
        <translation>„Wanneer gebeurd” ligt na nu (%1); typ wanneer het echt gebeurde, of druk op Nu.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Times in %1</source>
        <translation>Tijden in %1</translation>
    </message>
</context>
<context>
    <name>_RecordTab</name>
    <message>
        <location filename="../../ui/pages/people_page.py" line="-442"/>
        <source>New %1…</source>
        <translation>Nieuwe %1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit…</source>
        <translation>Bewerken…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter or double-click</source>
        <translation>Enter of dubbelklikken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete key; only when never invited</source>
        <translation>Delete-toets; alleen als nooit uitgenodigd</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="-17"/>
        <source>Cannot open the database</source>
        <translation>Kan de database niet openen</translation>
    </message>
</context>
</TS>
