<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About chairlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;chairlog {version}&lt;/b&gt;&lt;br&gt;Charting for IV ketamine infusion clinics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Alert — what was done?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done (saved with your name):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later  (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the alert open on the page and acknowledge later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lower case, e.g. jsmith</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. RN, MD (printed after the name)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminDialog</name>
    <message>
        <source>Administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signed in as {who}: only an admin can change these settings. Changes will be refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertAckDialog</name>
    <message>
        <source>Acknowledge alert</source>
        <extracomment>minimum height of anything a finger has to hit (px)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done? (required; saved with your name and the time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required; saved with your name and the time. Ctrl+Enter acknowledges</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>Open alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what was done about this alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert acknowledged: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentsPanel</name>
    <message>
        <source>Assessments — tap a score (or Enter) to save it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissociation, 6 items scored 0–4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge score, 5 items scored 0–2; ≥ 9 ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last {value} at {value2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not scored yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CADSS-6 and Aldrete not scored yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name or MRN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session #</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patient matches &apos;{value}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} record{value}, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (more: Load older)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the chain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Audit trail </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ Audit trail </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported {rows} records to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error: {exc!r}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BaselinePanel</name>
    <message>
        <source>Baseline before the infusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline pain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ {value}  HR {hr} · BP {sbp}/{dbp} · SpO2 {spo2} · RR {rr}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not recorded yet — F2, type the set, Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ {value} at {value2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BolusDialog</name>
    <message>
        <source>Give bolus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= — mg/kg ({cap}, weight {value} kg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= {value} mg/kg ({cap})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ⚠ ABOVE MAXIMUM</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateNoticeDialog</name>
    <message>
        <source>chairlog — certificates issued in your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New signing certificate in your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since you last signed in, these certificates were issued for you:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

If you did not ask for one, say so: it stops signing at once and the clinic&apos;s trail records it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This was not me</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChairBoard</name>
    <message>
        <source>Shift handover…  (Ctrl+Shift+H)</source>
        <extracomment>what one board read returns: chairs, running sessions, the clinic&apos;s time zone and the newest monitor set per session (None when that read failed: badges stay as they were)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every chair on one page for the shift change: preview, print or save (Ctrl+Shift+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server unreachable since {value} — showing the last data read.</source>
        <extracomment>for admins: accounts locked after wrong passwords (``ui.account_notices``)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The board could not be refreshed: {exc} Timers continue from the last data read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitor set not charted: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChairStrip</name>
    <message>
        <source>All chairs: nothing due</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChairTile</name>
    <message>
        <source>Accept monitor set</source>
        <extracomment>the nurse accepts the newest monitor set from the tile (pending set id) the nurse wants to edit, complete, reject or clear the chair&apos;s monitor sets</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the monitor&apos;s vitals set as charted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review the monitor&apos;s set: edit or complete values, reject with a reason, clear older sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free</source>
        <extracomment>records of this chair a physician returned to the nurse (``ui.returned``)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FREE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free — start session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}  ·  Nurse {nurse_name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No vitals recorded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {state_label}, {due_text}, {value} alert(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what was done; the alert then leaves the board</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChairsTab</name>
    <message>
        <source>New chair:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Chair 5 or Window bay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take out of use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put back in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is {value}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the password of {display_name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartTimeControl</name>
    <message>
        <source>When the entries you make happened. Earlier times are charted as such (late entries are marked); resets to now after a save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart at the current time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart something that happened {m} min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the clock time it happened (today, clinic time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time: now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At {shown:%H:%M} (−{ago} min)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClinicTab</name>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight entered in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature shown in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinic name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address (printed on records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the screen after idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries count as late after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window changes language when this window closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clinic name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paper size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle lock minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>late entry minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>temperature unit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Entries refused by the server on replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These entries were saved on this workstation while the server was unreachable, and the server refused them when they were sent. Check each against the chart, then chart it again or discard it with a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for discarding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discarded (audited).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correct entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefilled with the original value; change what was wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: {value}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DischargeDialog</name>
    <message>
        <source>Discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escort&apos;s name (a responsible adult)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Released to (escort&apos;s name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written instructions given
      (no driving for 24 h, no alcohol or sedatives today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions / note — required to explain any criterion not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharge instructions and note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for discharging now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the physician&apos;s authorisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Physician&apos;s username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorising physician&apos;s username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Physician&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorising physician&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DosePanel</name>
    <message>
        <source>Dose — rate (F8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Infusion rate — F8 jumps here; Enter applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the rate in {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate in {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start although required pre-infusion items are not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a bolus (Shift+F8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the infusion; post-infusion monitoring begins (Shift+F9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} · &lt;nobr&gt;bag {value} mg/mL&lt;/nobr&gt;&lt;br&gt;Total max &lt;nobr&gt;{value2} mg/kg&lt;/nobr&gt;{bolus}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text}  (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume at {rate} — shortcut F9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused.&lt;/b&gt; Resume (F9) restarts at &lt;b&gt;{rate}&lt;/b&gt;; or type a new rate and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:15px; font-weight:400; color:#5b6675&apos;&gt;Type a rate: the other two units appear here&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start without required items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{missing}

Why is it safe to start anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start infusion</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EffectPickerDialog</name>
    <message>
        <source>Which side effect?</source>
        <extracomment>the rescue medication usually given for an effect (a suggestion the nurse can change)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlowsheetPanel</name>
    <message>
        <source>Flowsheet — oldest left, newest right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flowsheet: a column per charted time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the session record (the same PDF as the export and the physician&apos;s preview)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Shift handover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the handover…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every chair as of now; Refresh for a later moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The handover could not be prepared: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not printed: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed the handover ({pages} page{value}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save handover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {strerror}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <source>Read the session again (other workstations&apos; entries)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this session tab (the infusion keeps running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Allergies: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No known allergies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ·  IMPORTED FROM PAPER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ {n_open} open alert{value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>· &amp;nbsp;&lt;b&gt;{name}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; Dosing weight &lt;b&gt;{value} kg&lt;/b&gt; &amp;nbsp;·&amp;nbsp; &lt;b&gt;{name2}&lt;/b&gt; — {indication} &amp;nbsp;·&amp;nbsp; Nurse {nurse_name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemScaleDialog</name>
    <message>
        <source>Save {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text}, score</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockCard</name>
    <message>
        <source>Free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ {n} ALERT{value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alerts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked — patient details are hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Infusions continue. Timers, vitals reminders and alerts are still shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another nurse? Type your own username and password to take over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in: {display_name}. Enter your password to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to continue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>chairlog — {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo accounts (demo mode only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in {uname} / {pw}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click an account to fill in its username and password, then press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{display_name}: your password was reset. Choose a new one (at least 8 characters) to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a new password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the chair board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find patient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A patient&apos;s sessions, pain before and after; open or export any record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another person signs in; entries from then on carry their name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a new password for the signed-in account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock now (patient details hidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute the vitals reminder sound (the board still flashes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit chairlog (asks first while sessions run; they are kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review and sign records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users, chairs, protocols and clinic settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who did what, and when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About chairlog…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version, database, data and log folders, Qt and Python versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chair {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open chair {n}&apos;s session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;chairlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;gn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;udit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEMO — not for patient care</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in: {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nurse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>physician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in as yourself: everything charted from now on is recorded under your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{display_name} is now signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no chair {n}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only nurses and physicians start sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session view is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chairlog — {clinic}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — DEMO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chairlog — locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muted {value}:{value2:02d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sound device: reminders only flash</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonitorPendingPanel</name>
    <message>
        <source>Chart this set as your vitals, at the monitor&apos;s time</source>
        <extracomment>a read came back and is shown (or the panel hid: nothing waits)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reason to reject (e.g. artefact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject every older set of this chair, in one step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>· {device} · observed {value} · {n} waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · a newer set arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>control id {control_id}; received {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitor set charted ({value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — LATE entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitor set rejected (nothing charted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} older monitor set(s) cleared.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonitorReviewDialog</name>
    <message>
        <source>{name} · monitor set · {display_name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to chart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No monitor set is waiting for this chair.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotePanel</name>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free-text note; Ctrl+Enter saves it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observation, conversation, physician order… (Ctrl+Enter saves)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfflineBoard</name>
    <message>
        <source>chairlog — server unreachable (last snapshot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answers again — Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No infusion was running at the last snapshot.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenSideEffects</name>
    <message>
        <source>Open side effects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescue medication for this side effect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescue medication for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} resolved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OptionalNumber</name>
    <message>
        <source>on</source>
        <extracomment>(field, label, unit, low, high, decimals) (field, label, unit)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxBanner</name>
    <message>
        <source>{refused} refused by the server on replay — resolve…</source>
        <extracomment>the outbox changed (emitted from whichever thread changed it; delivered on the UI&apos;s)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Dose limit exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override and save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second clinician&apos;s username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another nurse or a physician checks the dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second clinician&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typed by the second clinician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The second clinician types their own username and password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PatientHistoryDialog</name>
    <message>
        <source>Find patient — history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name or MRN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to search; pick a patient to see their sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open  (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{display_name} · {mrn}{born} · {value} session(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name} ({value} KB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <source>Pause infusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is the infusion paused?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>The preview needs the Qt PDF module (PySide6-Pdf). Signing works without it; export the record to read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record could not be displayed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreInfusionPanel</name>
    <message>
        <source>Pre-infusion checklist  (Alt+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist item: Space ticks it (saved at once); Tab to Skip… to skip it with a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip this item with a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticked by {user_name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped by {user_name}: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded — to undo, correct it in the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick when done (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still needed before start: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ All required items done — ready to start (F8, Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip checklist item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip “{text}”: why?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip item</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProtocolEditor</name>
    <message>
        <source>New version of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New protocol based on {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} — version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> → saved as version {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol and dosing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate (titrated, mg/kg/h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed dose over a set time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified Aldrete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PADSS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert thresholds (untick to switch a check off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProtocolsTab</name>
    <message>
        <source>Edit → new version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New protocol from this…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name}, version {version}. Sessions already started keep the values they started with.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuitDialog</name>
    <message>
        <source>Quit chairlog?</source>
        <extracomment>&quot;minimize&quot; or &quot;quit&quot; (Cancel closes the dialog and does nothing)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} session{value} still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their timers keep counting either way, but a closed window shows no overdue vitals and rings no reminder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep running (minimize)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason (required)</source>
        <extracomment>service field name → the widget to highlight when that field is refused the widget that gets the keyboard focus when the dialog opens</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reason is required.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RescueMedDialog</name>
    <message>
        <source>Rescue medication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save medication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— not linked to a side effect —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ ALLERGY recorded: {allergies}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreOffer</name>
    <message>
        <source>chairlog — The database is damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem}

The newest backup that passes every check was taken {taken}:
{backup}

Restore it? The damaged file is kept aside next to the database, unchanged. Anything charted after the backup was taken is not in it — check the running sessions against the paper notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit, change nothing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnedBar</name>
    <message>
        <source>note for the physician (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for the physician when marking the record ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record goes back to the physician&apos;s sign queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for signature: the record is back in the physician&apos;s queue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnedNotices</name>
    <message>
        <source>Open record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the returned record of {patient_name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeriesDialog</name>
    <message>
        <source>Treatment series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the series…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{display_name} · {mrn} · {value} session(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketamine in the series: {value} mg · side effects: {value2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the series: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name} ({value} KB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceCaller</name>
    <message>
        <source>Sign in to chart.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <source>Could not reload: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open addendum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why does this signed record need an addendum? The signed version stays unchanged; the addendum is a new version that a physician signs again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addendum open: new entries belong to the next version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discharged: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>chairlog — set up this clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to chairlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database is empty. Name the clinic and create the first administrator account. Protocol templates and four chairs are added for you; the administrator can change them and add nurses and physicians afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SideEffectDialog</name>
    <message>
        <source>Side effect: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save side effect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SideEffectsPanel</name>
    <message>
        <source>Side effect — one tap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a rescue medication (Shift+F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignoffDialog</name>
    <message>
        <source>Sign records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing as &lt;b&gt;{display_name}&lt;/b&gt;</source>
        <extracomment>deviation counts by session (read once per record, again when it changes)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only physicians sign records. You can review the records awaiting signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning of the signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return to nurse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this record back to the nurse with a reason; it leaves the queue until the nurse marks it ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Awaiting signature ({value})&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records are waiting for a signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Deviations:&lt;/b&gt; none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Deviations to review ({value}):&lt;/b&gt;&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;… and {more} more in the record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;This record cannot be signed yet:&lt;/b&gt;&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record could not be prepared: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return to nurse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why does {value} ({name}) go back to the nurse? The nurse sees this on the board and in the session; the record returns to this queue when marked ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{text}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SittingControls</name>
    <message>
        <source>Your username, to open the signing sitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PIN of your smart card or USB token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End sitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Signing sitting open&lt;/b&gt; since {since} — {value} signed. Each record is still signed on its own; the sitting ends after 10 minutes without signing, when the screen locks, or with End sitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first signature asks for your username and password; the next ones in this sitting do not.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartSessionDialog</name>
    <message>
        <source>Start a session</source>
        <extracomment>the forms&apos; height at most, so the dialog stays under 700 px with Start in view</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name or MRN; matching patients are listed below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New patient…  (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching patients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patient matches — New patient  (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No patient selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected: {display_name} · {mrn}{allergies}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New patient: fill in the form below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (in use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured today, in kg; the last weight on record is shown below</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StopDialog</name>
    <message>
        <source>Stop infusion</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Timeline — newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every chart entry, newest first; arrow keys pick one, Enter corrects it, Delete marks it entered in error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the selected entry (the original stays, struck through) — F12, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected entry as entered in error — F12, then Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrected: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entered in error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as entered in error: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark entered in error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked entered in error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoButton</name>
    <message>
        <source>Undo the entry just saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks the entry just saved as entered in error (&apos;{UNDO_REASON}&apos;); offered for {UNDO_SECONDS} seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo  (Ctrl+Z)  {left} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo: {summary} — marked entered in error, reason &apos;{UNDO_REASON}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: {summary} — kept struck through as entered in error ({UNDO_REASON})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>Add user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account &apos;{username}&apos; created. Temporary password: {password} — hand it over; it must be changed at first sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VitalsForm</name>
    <message>
        <source>Jump to the vitals form: type, Tab, … Enter saves</source>
        <extracomment>(field, label, unit, decimals) in Tab order; the first five are required what a screen reader says for each field</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} ({unit}), optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. sinus rhythm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the whole set — Enter in any field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>· BASELINE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before the infusion starts, vitals are saved as the baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prev {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prev —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>· no previous set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>· previous {value} {who}{late}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vitals saved ({value}){late}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved — {label}: {typed} is not accepted — {accepted}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved — {e}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowListener</name>
    <message>
        <source>Bedside monitors: listening on {host}:{port}.</source>
        <extracomment>pending sets the child reported stored (for the status and the tests)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bedside monitors: the listener could not start (the chairlog program was not found).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bedside monitors: the listener could not start ({why}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bedside monitors: the listener stopped ({why}); starting it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bedside monitors: the listener could not start ({exc}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>Keep working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit chairlog</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>layout</name>
    <message>
        <source>Discharge the patient (after post-infusion monitoring)</source>
        <extracomment>the narrowest the chart/timeline column gets beside the others</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen this signed record for an addendum: a new version that is signed again; the signed version stays as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side effects (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessments (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline (F12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flowsheet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Print {title}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <source>chairlog — {title}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
