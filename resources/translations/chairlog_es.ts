<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>a number greater than 0</source>
        <translation>un número mayor que 0</translation>
    </message>
    <message>
        <source>a rate of 0 or more in {unit}</source>
        <translation>una velocidad de 0 o más en {unit}</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>velocidad</translation>
    </message>
    <message>
        <source>a list of 1 to 20 criteria, each with a key (lower-case letters, digits, _) and a label of at most 200 characters; keys unique</source>
        <extracomment>default &quot;vitals due soon&quot; warning, minutes before the set is due default &quot;dose limit near&quot; threshold, percent of the protocol&apos;s maximum total</extracomment>
        <translation>una lista de 1 a 20 criterios, cada uno con una clave (letras minúsculas, cifras, _) y un texto de como máximo 200 caracteres; claves sin repetir</translation>
    </message>
    <message>
        <source>discharge criteria</source>
        <translation>criterios de alta</translation>
    </message>
    <message>
        <source>discharge criterion</source>
        <translation>criterio de alta</translation>
    </message>
    <message>
        <source>a list of at most 30 medications, each with a name (at most 80 characters, unique), a dose above 0, a unit ({units}), a route ({routes}) and optionally the side effects it treats (codes)</source>
        <translation>una lista de como máximo 30 medicamentos, cada uno con un nombre (como máximo 80 caracteres, sin repetir), una dosis mayor que 0, una unidad ({units}), una vía ({routes}) y, si se quiere, los efectos adversos que trata (códigos)</translation>
    </message>
    <message>
        <source>rescue medications</source>
        <translation>medicación de rescate</translation>
    </message>
    <message>
        <source>rescue medication</source>
        <translation>medicamento de rescate</translation>
    </message>
    <message>
        <source>a number of minutes from 0 to 60</source>
        <translation>un número de minutos de 0 a 60</translation>
    </message>
    <message>
        <source>vitals due-soon warning</source>
        <translation>aviso de signos vitales próximos</translation>
    </message>
    <message>
        <source>a percentage from 50 to 100</source>
        <translation>un porcentaje de 50 a 100</translation>
    </message>
    <message>
        <source>dose-near warning</source>
        <translation>aviso de dosis cercana al límite</translation>
    </message>
    <message>
        <source>rate or fixed</source>
        <extracomment>hard ceilings nothing passes, not even an override; None: twice the maximum the discharge score and the least score for discharge without a physician&apos;s authorisation bedside policy (chairlog.clinical.policy): what a discharge asks, the rescue medications offered, and when the board warns &quot;vitals due soon&quot; and &quot;dose limit near&quot;</extracomment>
        <translation>velocidad o fija</translation>
    </message>
    <message>
        <source>dose mode</source>
        <translation>modo de dosificación</translation>
    </message>
    <message>
        <source>a set of alert thresholds</source>
        <translation>un conjunto de umbrales de alerta</translation>
    </message>
    <message>
        <source>thresholds</source>
        <translation>umbrales</translation>
    </message>
    <message>
        <source>a protocol name</source>
        <translation>un nombre de protocolo</translation>
    </message>
    <message>
        <source>protocol name</source>
        <translation>nombre del protocolo</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>indication</source>
        <translation>indicación</translation>
    </message>
    <message>
        <source>checklist item key</source>
        <translation>clave del elemento de la lista de verificación</translation>
    </message>
    <message>
        <source>checklist item</source>
        <translation>elemento de la lista de verificación</translation>
    </message>
    <message>
        <source>a number greater than 0, or none</source>
        <translation>un número mayor que 0, o ninguno</translation>
    </message>
    <message>
        <source>max rate (mg/kg/h)</source>
        <translation>velocidad máxima (mg/kg/h)</translation>
    </message>
    <message>
        <source>max total (mg/kg)</source>
        <translation>total máximo (mg/kg)</translation>
    </message>
    <message>
        <source>planned duration (min)</source>
        <translation>duración prevista (min)</translation>
    </message>
    <message>
        <source>concentration (mg/mL)</source>
        <translation>concentración (mg/mL)</translation>
    </message>
    <message>
        <source>vitals interval (min)</source>
        <translation>intervalo de signos vitales (min)</translation>
    </message>
    <message>
        <source>vitals interval after infusion (min)</source>
        <translation>intervalo de signos vitales tras la infusión (min)</translation>
    </message>
    <message>
        <source>a number of 0 or more</source>
        <translation>un número de 0 o más</translation>
    </message>
    <message>
        <source>a number greater than 0, or none (twice the maximum)</source>
        <translation>un número mayor que 0, o ninguno (el doble del máximo)</translation>
    </message>
    <message>
        <source>at least the maximum ({maximum:g})</source>
        <translation>al menos el máximo ({maximum:g})</translation>
    </message>
    <message>
        <source>aldrete or padss</source>
        <translation>aldrete o padss</translation>
    </message>
    <message>
        <source>discharge score</source>
        <translation>puntuación de alta</translation>
    </message>
    <message>
        <source>a whole number from 0 to 10</source>
        <translation>un número entero de 0 a 10</translation>
    </message>
    <message>
        <source>discharge score minimum</source>
        <translation>puntuación mínima de alta</translation>
    </message>
    <message>
        <source>at most the max rate ({max_rate_mg_per_kg_h} mg/kg/h)</source>
        <translation>como máximo la velocidad máxima ({max_rate_mg_per_kg_h} mg/kg/h)</translation>
    </message>
    <message>
        <source>start rate</source>
        <translation>velocidad inicial</translation>
    </message>
    <message>
        <source>a list of items, each with a key, a label and whether it is required</source>
        <translation>una lista de elementos, cada uno con una clave, un texto y si es obligatorio</translation>
    </message>
    <message>
        <source>checklist</source>
        <translation>lista de verificación</translation>
    </message>
    <message>
        <source>a whole number {low}–{high}</source>
        <translation>un número entero {low}–{high}</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <translation>uno de estos: {choices}</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>escala</translation>
    </message>
    <message>
        <source>{items} item scores</source>
        <translation>{items} puntuaciones de ítems</translation>
    </message>
    <message>
        <source>{scale} item {number}</source>
        <translation>{scale}, ítem {number}</translation>
    </message>
    <message>
        <source>the sum of the items ({total})</source>
        <translation>la suma de los ítems ({total})</translation>
    </message>
    <message>
        <source>A session that is {label} cannot become {label2}.</source>
        <extracomment>States in which the session occupies its chair (one per chair, one per patient). States in which chart entries may be added or corrected. States awaiting a physician&apos;s signature.</extracomment>
        <translation>Una sesión en estado «{label}» no puede pasar a «{label2}».</translation>
    </message>
    <message>
        <source>This record is {label} and locked; open an addendum to add to it.</source>
        <translation>Este registro (estado: {label}) está bloqueado; abra una adenda para añadir información.</translation>
    </message>
    <message>
        <source>the infusion is paused then: resume it at the new rate</source>
        <extracomment>in each phase of the infusion, the actions that may come next, and the phase they lead to</extracomment>
        <translation>la infusión está en pausa en ese momento: reanúdela a la nueva velocidad</translation>
    </message>
    <message>
        <source>the infusion has not started by then</source>
        <translation>la infusión aún no ha empezado en ese momento</translation>
    </message>
    <message>
        <source>the infusion has already started</source>
        <translation>la infusión ya ha empezado</translation>
    </message>
    <message>
        <source>the infusion is not paused then</source>
        <translation>la infusión no está en pausa en ese momento</translation>
    </message>
    <message>
        <source>the infusion is already paused then</source>
        <translation>la infusión ya está en pausa en ese momento</translation>
    </message>
    <message>
        <source>bolus</source>
        <translation>bolo</translation>
    </message>
    <message>
        <source>start</source>
        <translation>inicio</translation>
    </message>
    <message>
        <source>rate change</source>
        <translation>cambio de velocidad</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>pausa</translation>
    </message>
    <message>
        <source>resume</source>
        <translation>reanudación</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>parada</translation>
    </message>
    <message>
        <source>a time for the {action} between {earliest} and {latest}</source>
        <translation>una hora para esta acción ({action}) entre {earliest} y {latest}</translation>
    </message>
    <message>
        <source>time</source>
        <translation>hora</translation>
    </message>
    <message>
        <source>a rate greater than 0 (to hold the infusion, pause it)</source>
        <translation>una velocidad mayor que 0 (para detener temporalmente la infusión, póngala en pausa)</translation>
    </message>
    <message>
        <source>the infusion was stopped before</source>
        <translation>la infusión se detuvo antes</translation>
    </message>
    <message>
        <source> after the {action} at {time}</source>
        <translation> después de la acción anterior ({action}, {time})</translation>
    </message>
    <message>
        <source>a time at which a {action} can be charted{after} ({why})</source>
        <translation>una hora en la que se pueda registrar esta acción ({action}){after} ({why})</translation>
    </message>
    <message>
        <source>{low:g}–{high:g} {unit}</source>
        <translation>{low:g}–{high:g} {unit}</translation>
    </message>
    <message>
        <source>heart rate</source>
        <translation>frecuencia cardíaca</translation>
    </message>
    <message>
        <source>systolic BP</source>
        <translation>PA sistólica</translation>
    </message>
    <message>
        <source>diastolic BP</source>
        <translation>PA diastólica</translation>
    </message>
    <message>
        <source>SpO2</source>
        <translation>SpO2</translation>
    </message>
    <message>
        <source>respiratory rate</source>
        <translation>frecuencia respiratoria</translation>
    </message>
    <message>
        <source>EtCO2</source>
        <translation>EtCO2</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>temperatura</translation>
    </message>
    <message>
        <source>a set of vital signs by name</source>
        <extracomment>every key a vitals set may carry</extracomment>
        <translation>un conjunto de signos vitales por nombre</translation>
    </message>
    <message>
        <source>vitals</source>
        <translation>signos vitales</translation>
    </message>
    <message>
        <source>one of: {choices}</source>
        <translation>uno de estos: {choices}</translation>
    </message>
    <message>
        <source>unknown vital sign</source>
        <translation>signo vital desconocido</translation>
    </message>
    <message>
        <source>a number, {rng}</source>
        <translation>un número, {rng}</translation>
    </message>
    <message>
        <source>a whole number, {rng}</source>
        <translation>un número entero, {rng}</translation>
    </message>
    <message>
        <source>required, {rng}</source>
        <translation>obligatorio, {rng}</translation>
    </message>
    <message>
        <source>below the systolic value ({sbp} mmHg)</source>
        <translation>por debajo de la sistólica ({sbp} mmHg)</translation>
    </message>
    <message>
        <source>rhythm note</source>
        <translation>nota del ritmo</translation>
    </message>
    <message>
        <source>at most {max_chars} characters</source>
        <translation>como máximo {max_chars} caracteres</translation>
    </message>
    <message>
        <source>printable text (no control characters)</source>
        <translation>texto imprimible (sin caracteres de control)</translation>
    </message>
    <message>
        <source>Systolic {value} &gt; {limit} mmHg: pause and notify physician</source>
        <translation>Sistólica {value} &gt; {limit} mmHg: pausar y avisar al médico</translation>
    </message>
    <message>
        <source>Diastolic {value} &gt; {limit} mmHg: pause and notify physician</source>
        <translation>Diastólica {value} &gt; {limit} mmHg: pausar y avisar al médico</translation>
    </message>
    <message>
        <source>Heart rate {value} &gt; {limit}/min</source>
        <translation>Frecuencia cardíaca {value} &gt; {limit}/min</translation>
    </message>
    <message>
        <source>Heart rate {value} &lt; {limit}/min</source>
        <translation>Frecuencia cardíaca {value} &lt; {limit}/min</translation>
    </message>
    <message>
        <source>SpO2 {value} % &lt; {limit} %</source>
        <translation>SpO2 {value} % &lt; {limit} %</translation>
    </message>
    <message>
        <source>Respiratory rate {value} &lt; {limit}/min</source>
        <translation>Frecuencia respiratoria {value} &lt; {limit}/min</translation>
    </message>
    <message>
        <source>Respiratory rate {value} &gt; {limit}/min</source>
        <translation>Frecuencia respiratoria {value} &gt; {limit}/min</translation>
    </message>
    <message>
        <source>Systolic rose {rise} mmHg over baseline {baseline}</source>
        <translation>Sistólica subió {rise} mmHg sobre la basal {baseline}</translation>
    </message>
    <message>
        <source>Diastolic rose {rise} mmHg over baseline {baseline}</source>
        <translation>Diastólica subió {rise} mmHg sobre la basal {baseline}</translation>
    </message>
    <message>
        <source>Pre-dose BP {sbp}/{dbp} above {sbp_max}/{dbp_max}: physician review before starting</source>
        <translation>PA previa a la dosis {sbp}/{dbp} por encima de {sbp_max}/{dbp_max}: revisión médica antes de iniciar</translation>
    </message>
    <message>
        <source>MOAA/S {score}: deeper sedation than intended (alert at ≤ {limit})</source>
        <translation>MOAA/S {score}: sedación más profunda de lo previsto (alerta con ≤ {limit})</translation>
    </message>
    <message>
        <source>checked in</source>
        <extracomment>runtime values that are vocabulary inside messages (``term(...)``): the session states as the messages name them, the roles, the entry kinds, the scales, and the labels fields get from their names</extracomment>
        <translation>registrada a su llegada</translation>
    </message>
    <message>
        <source>pre-infusion</source>
        <translation>previa a la infusión</translation>
    </message>
    <message>
        <source>infusing</source>
        <translation>en infusión</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>monitoring</source>
        <translation>en vigilancia</translation>
    </message>
    <message>
        <source>discharged</source>
        <translation>alta dada</translation>
    </message>
    <message>
        <source>stopped early</source>
        <translation>detenida antes de tiempo</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>firmada</translation>
    </message>
    <message>
        <source>addendum open</source>
        <translation>con adenda abierta</translation>
    </message>
    <message>
        <source>family name</source>
        <translation>apellidos</translation>
    </message>
    <message>
        <source>given name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>nombre completo</translation>
    </message>
    <message>
        <source>username</source>
        <translation>usuario</translation>
    </message>
    <message>
        <source>password</source>
        <translation>contraseña</translation>
    </message>
    <message>
        <source>allergies</source>
        <translation>alergias</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notas</translation>
    </message>
    <message>
        <source>credentials</source>
        <translation>titulación</translation>
    </message>
    <message>
        <source>qualifier</source>
        <translation>distintivo</translation>
    </message>
    <message>
        <source>role</source>
        <translation>función</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>sexo</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>address</source>
        <extracomment>unit suffixes left out of a field&apos;s name in the message (&quot;max rate 1 → 2&quot;) bookkeeping fields that say nothing to the person reading the message the fields&apos; names as a conflict&apos;s message says them (&quot;max rate 1 → 2&quot;), in the window&apos;s language; a field not listed is named by its key</extracomment>
        <translation>dirección</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>peso</translation>
    </message>
    <message>
        <source>chair</source>
        <translation>sillón</translation>
    </message>
    <message>
        <source>device</source>
        <translation>dispositivo</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>regla</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>límite</translation>
    </message>
    <message>
        <source>state</source>
        <translation>estado</translation>
    </message>
    <message>
        <source>port</source>
        <translation>puerto</translation>
    </message>
    <message>
        <source>bind</source>
        <translation>dirección de escucha</translation>
    </message>
    <message>
        <source>timezone</source>
        <translation>zona horaria</translation>
    </message>
    <message>
        <source>language</source>
        <extracomment>the choices of the words-and-units settings (value → what the settings screen shows)</extracomment>
        <translation>idioma</translation>
    </message>
    <message>
        <source>units</source>
        <translation>unidades</translation>
    </message>
    <message>
        <source>expected version</source>
        <translation>versión esperada</translation>
    </message>
    <message>
        <source>nurse</source>
        <translation>enfermera/o</translation>
    </message>
    <message>
        <source>physician</source>
        <translation>médico</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>source</source>
        <translation>origen</translation>
    </message>
    <message>
        <source>drug</source>
        <translation>fármaco</translation>
    </message>
    <message>
        <source>instructions</source>
        <translation>instrucciones</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>comentario</translation>
    </message>
    <message>
        <source>dose amount</source>
        <translation>cantidad de la dosis</translation>
    </message>
    <message>
        <source>medication</source>
        <translation>medicación</translation>
    </message>
    <message>
        <source>assessment</source>
        <translation>valoración</translation>
    </message>
    <message>
        <source>Nausea</source>
        <extracomment>which columns each kind uses, derived from its payload type (``domain.payloads``)</extracomment>
        <translation>Náuseas</translation>
    </message>
    <message>
        <source>Vomiting</source>
        <translation>Vómitos</translation>
    </message>
    <message>
        <source>Dissociation</source>
        <translation>Disociación</translation>
    </message>
    <message>
        <source>Dizziness</source>
        <translation>Mareo</translation>
    </message>
    <message>
        <source>Sedation</source>
        <translation>Sedación</translation>
    </message>
    <message>
        <source>Hallucinations</source>
        <translation>Alucinaciones</translation>
    </message>
    <message>
        <source>Anxiety / agitation</source>
        <translation>Ansiedad / agitación</translation>
    </message>
    <message>
        <source>Headache</source>
        <translation>Cefalea</translation>
    </message>
    <message>
        <source>Raised blood pressure</source>
        <translation>Presión arterial elevada</translation>
    </message>
    <message>
        <source>Fast heart rate</source>
        <translation>Frecuencia cardíaca elevada</translation>
    </message>
    <message>
        <source>Increased secretions</source>
        <translation>Aumento de secreciones</translation>
    </message>
    <message>
        <source>Blurred vision</source>
        <translation>Visión borrosa</translation>
    </message>
    <message>
        <source>Confusion</source>
        <translation>Confusión</translation>
    </message>
    <message>
        <source>Mood change</source>
        <translation>Cambio del estado de ánimo</translation>
    </message>
    <message>
        <source>Numbness</source>
        <translation>Entumecimiento</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>leve</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>moderado</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>grave</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Rate reduced</source>
        <translation>Velocidad reducida</translation>
    </message>
    <message>
        <source>Infusion paused</source>
        <translation>Infusión pausada</translation>
    </message>
    <message>
        <source>Infusion stopped</source>
        <translation>Infusión detenida</translation>
    </message>
    <message>
        <source>Rescue medication given</source>
        <translation>Medicación de rescate administrada</translation>
    </message>
    <message>
        <source>Physician notified</source>
        <translation>Médico avisado</translation>
    </message>
    <message>
        <source>Reassurance / environment</source>
        <translation>Tranquilización / entorno</translation>
    </message>
    <message>
        <source>Bolus</source>
        <translation>Bolo</translation>
    </message>
    <message>
        <source>Infusion started</source>
        <translation>Infusión iniciada</translation>
    </message>
    <message>
        <source>Rate changed</source>
        <translation>Velocidad modificada</translation>
    </message>
    <message>
        <source>Infusion resumed</source>
        <translation>Infusión reanudada</translation>
    </message>
    <message>
        <source>side effect</source>
        <translation>efecto adverso</translation>
    </message>
    <message>
        <source>discharge</source>
        <translation>alta</translation>
    </message>
    <message>
        <source>Pain NRS</source>
        <translation>EVN de dolor</translation>
    </message>
    <message>
        <source>Mood NRS</source>
        <translation>EVN del estado de ánimo</translation>
    </message>
    <message>
        <source>Modified Aldrete</source>
        <translation>Aldrete modificada</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>validated</source>
        <translation>validada</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rechazada</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>en conflicto</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecha</translation>
    </message>
    <message>
        <source>discarded</source>
        <translation>descartada</translation>
    </message>
    <message>
        <source>recharted</source>
        <translation>registrada de nuevo</translation>
    </message>
    <message>
        <source>{label}: {value} is not accepted — {accepted}</source>
        <translation>{label}: {value} no se acepta — {accepted}</translation>
    </message>
    <message>
        <source>This record</source>
        <translation>Este registro</translation>
    </message>
    <message>
        <source>{what} was changed on another workstation. Reload to see the change.</source>
        <translation>{what} se modificó en otro puesto de trabajo. Vuelva a cargar para ver el cambio.</translation>
    </message>
    <message>
        <source>The database {path} is damaged ({detail}). chairlog will not write to it. Restore the latest verified backup (chairlog restore), which keeps the damaged file aside.</source>
        <translation>La base de datos {path} está dañada ({detail}). chairlog no escribirá en ella. Restaure la última copia de seguridad verificada (chairlog restore), que guarda aparte el archivo dañado.</translation>
    </message>
    <message>
        <source>{message}. Give an override reason and a second clinician&apos;s check to proceed</source>
        <translation>{message}. Para continuar, indique un motivo para exceder el límite y la comprobación de un segundo profesional</translation>
    </message>
    <message>
        <source>dose limit</source>
        <translation>límite de dosis</translation>
    </message>
    <message>
        <source>{message}; no override passes the ceiling</source>
        <translation>{message}; ninguna autorización permite superar el tope</translation>
    </message>
    <message>
        <source>dose ceiling</source>
        <translation>tope de dosis</translation>
    </message>
    <message>
        <source>The server cannot be reached, and this cannot wait on this workstation: nothing was saved. Do it again when the server is back.</source>
        <extracomment>called after every change of the outbox&apos;s counts (queued, replayed, resolved)</extracomment>
        <translation>No se puede contactar con el servidor y esto no puede esperar en este puesto: no se guardó nada. Vuelva a hacerlo cuando el servidor esté disponible.</translation>
    </message>
    <message>
        <source>the session&apos;s number</source>
        <translation>el número de la sesión</translation>
    </message>
    <message>
        <source>session</source>
        <translation>sesión</translation>
    </message>
    <message>
        <source>The server cannot be reached, and a second clinician&apos;s check needs it: nothing was saved. Save again when the server is back.</source>
        <translation>No se puede contactar con el servidor y la comprobación de un segundo profesional lo necesita: no se guardó nada. Vuelva a guardar cuando el servidor esté disponible.</translation>
    </message>
    <message>
        <source>The server cannot be reached, and this workstation could not keep the entry ({exc}): it was NOT saved. What you typed is still in the form; chart it on paper.</source>
        <extracomment>the charted time kept with a queued entry (ISO 8601)</extracomment>
        <translation>No se puede contactar con el servidor y este puesto no pudo conservar la anotación ({exc}): NO se guardó. Lo que escribió sigue en el formulario; regístrelo en papel.</translation>
    </message>
    <message>
        <source>Not charted: this entry was charted while the server was down, under an offline sign-in whose password does not match this account&apos;s password on the server now (the password was changed since, or that sign-in was not one the server made). Check it with the patient&apos;s paper notes, then chart it again as yourself or discard it with a reason.</source>
        <extracomment>the conflict of an entry charted under an offline sign-in that no longer matches the server</extracomment>
        <translation>No registrado: esta entrada se registró con el servidor caído, con un inicio de sesión sin conexión cuya contraseña no coincide ahora con la de esta cuenta en el servidor (la contraseña se cambió desde entonces, o ese inicio de sesión no lo hizo el servidor). Compruébela con las notas en papel del paciente y luego regístrela de nuevo como usted o descártela con un motivo.</translation>
    </message>
    <message>
        <source>an entry of this workstation&apos;s outbox</source>
        <translation>una anotación de la bandeja de salida de este puesto</translation>
    </message>
    <message>
        <source>an entry in conflict (this one is {state})</source>
        <translation>una anotación en conflicto (estado de esta: {state})</translation>
    </message>
    <message>
        <source>a charting call the outbox keeps: {choices}</source>
        <translation>una acción de registro que la bandeja de salida conserva: {choices}</translation>
    </message>
    <message>
        <source>use case</source>
        <translation>caso de uso</translation>
    </message>
    <message>
        <source>the arguments {name} takes</source>
        <translation>los argumentos que acepta {name}</translation>
    </message>
    <message>
        <source>values the outbox can keep (text, numbers, times with their offset)</source>
        <translation>valores que la bandeja de salida puede conservar (texto, números, horas con su desfase horario)</translation>
    </message>
    <message>
        <source>entry</source>
        <translation>anotación</translation>
    </message>
    <message>
        <source>at least {MIN_PASSWORD} characters</source>
        <translation>al menos {MIN_PASSWORD} caracteres</translation>
    </message>
    <message>
        <source>2–64 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>2–64 letras minúsculas, cifras, &apos;.&apos;, &apos;_&apos; o &apos;-&apos;</translation>
    </message>
    <message>
        <source>an IANA time zone such as Europe/London</source>
        <translation>una zona horaria IANA como Europe/Madrid</translation>
    </message>
    <message>
        <source>an IANA time zone such as Europe/London or America/New_York</source>
        <translation>una zona horaria IANA como Europe/Madrid o America/Mexico_City</translation>
    </message>
    <message>
        <source>time zone</source>
        <translation>zona horaria</translation>
    </message>
    <message>
        <source>at least {MIN_PASSPHRASE} characters</source>
        <translation>al menos {MIN_PASSPHRASE} caracteres</translation>
    </message>
    <message>
        <source>signing authority passphrase</source>
        <translation>frase de contraseña de la autoridad de firma</translation>
    </message>
    <message>
        <source>a printed name no other active account has ({username} is already printed so): add a distinguishing --qualifier</source>
        <translation>un nombre impreso que no tenga otra cuenta activa ({username} ya se imprime así): añada un distintivo con --qualifier</translation>
    </message>
    <message>
        <source>nurse, physician or admin</source>
        <translation>enfermera/o, médico o administrador</translation>
    </message>
    <message>
        <source>add users</source>
        <translation>añadir usuarios</translation>
    </message>
    <message>
        <source>a username not already taken</source>
        <translation>un usuario que no esté ya en uso</translation>
    </message>
    <message>
        <source>No user {user_id}.</source>
        <translation>No existe el usuario {user_id}.</translation>
    </message>
    <message>
        <source>No user &apos;{username}&apos;.</source>
        <translation>No existe el usuario &apos;{username}&apos;.</translation>
    </message>
    <message>
        <source>The account &apos;{name}&apos;</source>
        <translation>La cuenta &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>This account</source>
        <translation>Esta cuenta</translation>
    </message>
    <message>
        <source>deactivate accounts</source>
        <translation>desactivar cuentas</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>No puede desactivar su propia cuenta.</translation>
    </message>
    <message>
        <source>change roles</source>
        <translation>cambiar funciones</translation>
    </message>
    <message>
        <source>You cannot remove your own admin role.</source>
        <translation>No puede quitarse su propia función de administrador.</translation>
    </message>
    <message>
        <source>reset passwords</source>
        <translation>restablecer contraseñas</translation>
    </message>
    <message>
        <source>a password different from the old one</source>
        <translation>una contraseña distinta de la anterior</translation>
    </message>
    <message>
        <source>new password</source>
        <translation>contraseña nueva</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>La contraseña actual es incorrecta.</translation>
    </message>
    <message>
        <source>a date on or after {first}</source>
        <translation>una fecha igual o posterior a {first}</translation>
    </message>
    <message>
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <source>a date and time with a time zone</source>
        <translation>una fecha y hora con zona horaria</translation>
    </message>
    <message>
        <source>a time after the start of the range</source>
        <translation>una hora posterior al inicio del intervalo</translation>
    </message>
    <message>
        <source>a whole number from 1 to {MAX_LIMIT}</source>
        <translation>un número entero de 1 a {MAX_LIMIT}</translation>
    </message>
    <message>
        <source>A nurse may read the audit trail of one session at a time: give a session number. The whole trail is for admins and physicians.</source>
        <translation>Una enfermera/o puede consultar la auditoría de una sola sesión cada vez: indique un número de sesión. La auditoría completa es para administradores y médicos.</translation>
    </message>
    <message>
        <source>export the audit trail</source>
        <translation>exportar la auditoría</translation>
    </message>
    <message>
        <source>a file name, not a folder</source>
        <translation>un nombre de archivo, no una carpeta</translation>
    </message>
    <message>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <source>The audit export could not be written to {dest}: {problem}.</source>
        <translation>No se pudo escribir la exportación de la auditoría en {dest}: {problem}.</translation>
    </message>
    <message>
        <source>The signing authority&apos;s passphrase is wrong: nothing was changed.</source>
        <translation>La frase de contraseña de la autoridad de firma es incorrecta: no se cambió nada.</translation>
    </message>
    <message>
        <source>This clinic has no signing authority.</source>
        <translation>Esta clínica no tiene autoridad de firma.</translation>
    </message>
    <message>
        <source>&apos;{username}&apos; is not a physician: only physicians sign.</source>
        <translation>&apos;{username}&apos; no es médico: solo firman los médicos.</translation>
    </message>
    <message>
        <source>&apos;{username}&apos; is deactivated.</source>
        <translation>&apos;{username}&apos; está desactivado.</translation>
    </message>
    <message>
        <source>&apos;{username}&apos; still has a password an admin chose: the physician must sign in and choose their own before a certificate is issued (in the window, or: chairlog user passwd {username} --password-stdin).</source>
        <translation>&apos;{username}&apos; todavía tiene una contraseña elegida por un administrador: el médico debe iniciar sesión y elegir la suya antes de que se emita un certificado (en la ventana, o: chairlog user passwd {username} --password-stdin).</translation>
    </message>
    <message>
        <source>The password of &apos;{username}&apos; is wrong: no certificate was issued.</source>
        <translation>La contraseña de &apos;{username}&apos; es incorrecta: no se emitió ningún certificado.</translation>
    </message>
    <message>
        <source>token label</source>
        <translation>etiqueta del token</translation>
    </message>
    <message>
        <source>&apos;{username}&apos; has no current certificate from this authority to renew: issue a new one.</source>
        <translation>&apos;{username}&apos; no tiene un certificado vigente de esta autoridad que renovar: emita uno nuevo.</translation>
    </message>
    <message>
        <source>a certificate not changed meanwhile</source>
        <translation>un certificado que no haya cambiado entretanto</translation>
    </message>
    <message>
        <source>&apos;{username}&apos; has no current certificate to revoke.</source>
        <translation>&apos;{username}&apos; no tiene un certificado vigente que revocar.</translation>
    </message>
    <message>
        <source>Backups of a PostgreSQL database are made with pg_dump on the server; chairlog backs up only its SQLite file.</source>
        <extracomment>what kind of trouble: ``ok``, ``damaged`` (the file), ``disk_full``, ``tampering`` (the chart or its audit trail changed outside chairlog), ``missing`` or ``cannot_open`` below this much free space a failure to open is put down to a full disk</extracomment>
        <translation>Las copias de seguridad de una base de datos PostgreSQL se hacen con pg_dump en el servidor; chairlog solo copia su archivo SQLite.</translation>
    </message>
    <message>
        <source>a file name not already used (a backup never overwrites a file)</source>
        <translation>un nombre de archivo que no esté en uso (una copia de seguridad nunca sobrescribe un archivo)</translation>
    </message>
    <message>
        <source>backup file</source>
        <translation>archivo de copia de seguridad</translation>
    </message>
    <message>
        <source>backup kind</source>
        <translation>tipo de copia de seguridad</translation>
    </message>
    <message>
        <source>chart vitals</source>
        <extracomment>the smallest medication dose accepted (mg, mL, mcg…): anything smaller is a typing error</extracomment>
        <translation>registrar signos vitales</translation>
    </message>
    <message>
        <source>chart assessments</source>
        <translation>registrar valoraciones</translation>
    </message>
    <message>
        <source>reason for skipping</source>
        <translation>motivo para omitirlo</translation>
    </message>
    <message>
        <source>complete the checklist</source>
        <translation>completar la lista de verificación</translation>
    </message>
    <message>
        <source>chart side effects</source>
        <translation>registrar efectos adversos</translation>
    </message>
    <message>
        <source>No side effect {entry_id}.</source>
        <translation>No existe el efecto adverso {entry_id}.</translation>
    </message>
    <message>
        <source>This side effect is already resolved or was corrected.</source>
        <translation>Este efecto adverso ya está resuelto o se corrigió.</translation>
    </message>
    <message>
        <source>dose</source>
        <translation>dosis</translation>
    </message>
    <message>
        <source>chart medications</source>
        <translation>registrar medicación</translation>
    </message>
    <message>
        <source>a side effect of this session</source>
        <translation>un efecto adverso de esta sesión</translation>
    </message>
    <message>
        <source>treats</source>
        <translation>trata</translation>
    </message>
    <message>
        <source>note</source>
        <extracomment>the argument that holds when it happened (filled with the time of the first attempt) replayed with ``expected_version`` (a state change), or not (an append) the argument naming the session (None: the caller says which session it belongs to) the service&apos;s own input checks that need no database, run before an entry is queued behind others without asking the server (a typing error is refused at once)</extracomment>
        <translation>nota</translation>
    </message>
    <message>
        <source>write notes</source>
        <translation>escribir notas</translation>
    </message>
    <message>
        <source>what was done</source>
        <translation>qué se hizo</translation>
    </message>
    <message>
        <source>a whole number of minutes from 1 to 60, or none</source>
        <translation>un número entero de minutos de 1 a 60, o ninguno</translation>
    </message>
    <message>
        <source>repeat vitals in</source>
        <translation>repetir signos vitales en</translation>
    </message>
    <message>
        <source>acknowledge alerts</source>
        <translation>confirmar alertas</translation>
    </message>
    <message>
        <source>No alert {alert_id}.</source>
        <translation>No existe la alerta {alert_id}.</translation>
    </message>
    <message>
        <source>This alert was already acknowledged.</source>
        <translation>Esta alerta ya se confirmó.</translation>
    </message>
    <message>
        <source>This alert</source>
        <translation>Esta alerta</translation>
    </message>
    <message>
        <source>clinic name</source>
        <translation>nombre de la clínica</translation>
    </message>
    <message>
        <source>authority holder</source>
        <translation>titular de la autoridad</translation>
    </message>
    <message>
        <source>an empty database (already set up)</source>
        <translation>una base de datos vacía (ya está configurada)</translation>
    </message>
    <message>
        <source>this workstation already trusts a signing authority for this database location ({trust}); remove that file deliberately to set up a new clinic here. Nothing was created.</source>
        <translation>este puesto ya confía en una autoridad de firma para esta ubicación de la base de datos ({trust}); elimine ese archivo de forma deliberada para configurar aquí una clínica nueva. No se creó nada.</translation>
    </message>
    <message>
        <source>weight unit</source>
        <translation>unidad de peso</translation>
    </message>
    <message>
        <source>temperature unit</source>
        <translation>unidad de temperatura</translation>
    </message>
    <message>
        <source>{choices}</source>
        <translation>{choices}</translation>
    </message>
    <message>
        <source>A4 or Letter</source>
        <translation>A4 o Carta</translation>
    </message>
    <message>
        <source>paper size</source>
        <translation>tamaño del papel</translation>
    </message>
    <message>
        <source>a whole number of minutes, 1–120</source>
        <translation>un número entero de minutos, 1–120</translation>
    </message>
    <message>
        <source>a whole number of wrong passwords, 3–20</source>
        <translation>un número entero de contraseñas incorrectas, 3–20</translation>
    </message>
    <message>
        <source>lockout after</source>
        <translation>bloqueo tras</translation>
    </message>
    <message>
        <source>timestamp service</source>
        <translation>servicio de sellado de tiempo</translation>
    </message>
    <message>
        <source>an http:// or https:// address, or empty</source>
        <translation>una dirección http:// o https://, o vacío</translation>
    </message>
    <message>
        <source>Clinic &apos;{name}&apos;</source>
        <translation>La clínica &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>change clinic settings</source>
        <translation>cambiar la configuración de la clínica</translation>
    </message>
    <message>
        <source>No clinic is set up yet: run chairlog init or the first-start screen.</source>
        <translation>Todavía no hay ninguna clínica configurada: ejecute chairlog init o la pantalla del primer inicio.</translation>
    </message>
    <message>
        <source>ceiling bolus</source>
        <translation>bolo máximo absoluto</translation>
    </message>
    <message>
        <source>ceiling rate</source>
        <translation>velocidad máxima absoluta</translation>
    </message>
    <message>
        <source>ceiling total</source>
        <translation>total máximo absoluto</translation>
    </message>
    <message>
        <source>concentration</source>
        <translation>concentración</translation>
    </message>
    <message>
        <source>dbp max</source>
        <translation>PAD máxima</translation>
    </message>
    <message>
        <source>dbp rise max</source>
        <translation>subida máxima de PAD</translation>
    </message>
    <message>
        <source>discharge scale</source>
        <translation>escala de alta</translation>
    </message>
    <message>
        <source>dose near</source>
        <translation>dosis cercana al límite</translation>
    </message>
    <message>
        <source>fixed dose</source>
        <translation>dosis fija</translation>
    </message>
    <message>
        <source>hr max</source>
        <translation>FC máxima</translation>
    </message>
    <message>
        <source>idle lock</source>
        <translation>bloqueo por inactividad</translation>
    </message>
    <message>
        <source>late entry</source>
        <translation>registro tardío</translation>
    </message>
    <message>
        <source>lockout attempts</source>
        <translation>intentos antes del bloqueo</translation>
    </message>
    <message>
        <source>max bolus</source>
        <translation>bolo máximo</translation>
    </message>
    <message>
        <source>max rate</source>
        <translation>velocidad máxima</translation>
    </message>
    <message>
        <source>max total</source>
        <translation>total máximo</translation>
    </message>
    <message>
        <source>min monitoring</source>
        <translation>vigilancia mínima</translation>
    </message>
    <message>
        <source>moaas</source>
        <translation>MOAA/S</translation>
    </message>
    <message>
        <source>mrn</source>
        <translation>n.º de historia</translation>
    </message>
    <message>
        <source>planned duration</source>
        <translation>duración prevista</translation>
    </message>
    <message>
        <source>position</source>
        <translation>posición</translation>
    </message>
    <message>
        <source>predose dbp max</source>
        <translation>PAD máxima previa a la dosis</translation>
    </message>
    <message>
        <source>predose sbp max</source>
        <translation>PAS máxima previa a la dosis</translation>
    </message>
    <message>
        <source>rescue meds</source>
        <translation>medicación de rescate</translation>
    </message>
    <message>
        <source>route</source>
        <translation>vía</translation>
    </message>
    <message>
        <source>rr max</source>
        <translation>FR máxima</translation>
    </message>
    <message>
        <source>sbp max</source>
        <translation>PAS máxima</translation>
    </message>
    <message>
        <source>sbp rise max</source>
        <translation>subida máxima de PAS</translation>
    </message>
    <message>
        <source>target rate</source>
        <translation>velocidad objetivo</translation>
    </message>
    <message>
        <source>vitals due soon</source>
        <translation>aviso de signos vitales próximos</translation>
    </message>
    <message>
        <source>vitals interval</source>
        <translation>intervalo de signos vitales</translation>
    </message>
    <message>
        <source>vitals interval after</source>
        <translation>intervalo de signos vitales después</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>the version you read (the .version of what you loaded): without it a stale save would overwrite another workstation&apos;s change</source>
        <translation>la versión que leyó (el .version de lo que cargó): sin ella, un guardado desfasado sobrescribiría el cambio de otro puesto</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>{field} {old} → {new}</source>
        <translation>{field} {old} → {new}</translation>
    </message>
    <message>
        <source>{field} now {new}</source>
        <translation>{field} ahora {new}</translation>
    </message>
    <message>
        <source>{changes} and {count} more</source>
        <translation>{changes} y {count} más</translation>
    </message>
    <message>
        <source>reopen it</source>
        <translation>vuelva a abrir la pantalla</translation>
    </message>
    <message>
        <source>{label} was changed on another workstation; {advice}.</source>
        <translation>{label} se modificó en otro puesto de trabajo; {advice}.</translation>
    </message>
    <message>
        <source>the system</source>
        <translation>el sistema</translation>
    </message>
    <message>
        <source>{label} was changed on another workstation at {when} by {who} ({what}); {advice}.</source>
        <translation>{label} se modificó en otro puesto de trabajo a las {when}, por {who} ({what}); {advice}.</translation>
    </message>
    <message>
        <source>an argument {function} knows: {known}</source>
        <translation>un argumento que {function} conozca: {known}</translation>
    </message>
    <message>
        <source>do this</source>
        <extracomment>how far in the future a charted time may lie: clock skew between workstations, no more called after every committed write with (entity, id): the UI refreshes its views set by ``init_clinic`` when it generated the authority&apos;s passphrase (memory only)</extracomment>
        <translation>hacer esto</translation>
    </message>
    <message>
        <source>Sign in first: this needs an actor returned by signing in (a hand-built one is refused).</source>
        <translation>Inicie sesión primero: esto requiere un usuario que haya iniciado sesión (uno construido a mano se rechaza).</translation>
    </message>
    <message>
        <source>This account is deactivated or unknown; sign in again.</source>
        <translation>Esta cuenta está desactivada o no se reconoce; vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} o {second}</translation>
    </message>
    <message>
        <source>Only {article} {allowed} may {action} (you are signed in as {role}).</source>
        <translation>Solo un perfil de {allowed} puede {action} (ha iniciado sesión como {role}).</translation>
    </message>
    <message>
        <source>required (not empty)</source>
        <translation>obligatorio (no puede estar vacío)</translation>
    </message>
    <message>
        <source>a number from {low:g} to {high:g} {unit}</source>
        <translation>un número de {low:g} a {high:g} {unit}</translation>
    </message>
    <message>
        <source>a number from {low:g} to {high:g}</source>
        <translation>un número de {low:g} a {high:g}</translation>
    </message>
    <message>
        <source>a number greater than {low:g} and at most {high:g} {unit}</source>
        <translation>un número mayor que {low:g} y como máximo {high:g} {unit}</translation>
    </message>
    <message>
        <source>a number greater than {low:g} and at most {high:g}</source>
        <translation>un número mayor que {low:g} y como máximo {high:g}</translation>
    </message>
    <message>
        <source>a time that is not in the future</source>
        <translation>una hora que no esté en el futuro</translation>
    </message>
    <message>
        <source>not before {earliest}</source>
        <translation>no antes de {earliest}</translation>
    </message>
    <message>
        <source>a date and time with a time zone (ISO 8601 with an offset)</source>
        <translation>una fecha y hora con zona horaria (ISO 8601 con desfase horario)</translation>
    </message>
    <message>
        <source>a correctable field: {choices}</source>
        <translation>un campo que se pueda corregir: {choices}</translation>
    </message>
    <message>
        <source>a unit given with the corrected rate</source>
        <translation>una unidad indicada con la velocidad corregida</translation>
    </message>
    <message>
        <source>a rate only on a start, rate change or resume</source>
        <translation>una velocidad solo en un inicio, un cambio de velocidad o una reanudación</translation>
    </message>
    <message>
        <source>mg/kg/h, mg/h or mL/h</source>
        <translation>mg/kg/h, mg/h o mL/h</translation>
    </message>
    <message>
        <source>rate unit</source>
        <translation>unidad de velocidad</translation>
    </message>
    <message>
        <source>only on a bolus</source>
        <translation>solo en un bolo</translation>
    </message>
    <message>
        <source>bolus (mg)</source>
        <translation>bolo (mg)</translation>
    </message>
    <message>
        <source>escort name</source>
        <translation>nombre del acompañante</translation>
    </message>
    <message>
        <source>the dose override</source>
        <translation>la dosis por encima del límite</translation>
    </message>
    <message>
        <source>correct entries</source>
        <translation>corregir anotaciones</translation>
    </message>
    <message>
        <source>No entry {entry_id}.</source>
        <translation>No existe la anotación {entry_id}.</translation>
    </message>
    <message>
        <source>This entry</source>
        <translation>Esta anotación</translation>
    </message>
    <message>
        <source>This entry was already corrected or marked entered in error.</source>
        <translation>Esta anotación ya se corrigió o se marcó como introducida por error.</translation>
    </message>
    <message>
        <source>at least one corrected value</source>
        <translation>al menos un valor corregido</translation>
    </message>
    <message>
        <source>a discharge time after the last entry ({last})</source>
        <translation>una hora de alta posterior a la última anotación ({last})</translation>
    </message>
    <message>
        <source>a discharge time at or after {minimum} (the protocol&apos;s minimum monitoring after the stop); this discharge was not authorised early by a physician</source>
        <translation>una hora de alta igual o posterior a {minimum} (la vigilancia mínima del protocolo tras la parada); ningún médico autorizó este alta anticipada</translation>
    </message>
    <message>
        <source>This entry changed the session&apos;s state: correct its time or rate instead, or chart the opposite action (e.g. resume after a pause).</source>
        <translation>Esta anotación cambió el estado de la sesión: corrija su hora o su velocidad, o registre la acción contraria (p. ej., reanudar tras una pausa).</translation>
    </message>
    <message>
        <source>a second clinician&apos;s username and password</source>
        <translation>el usuario y la contraseña de un segundo profesional</translation>
    </message>
    <message>
        <source>second clinician</source>
        <translation>segundo profesional</translation>
    </message>
    <message>
        <source>Second clinician for {purpose}: wrong username or password.</source>
        <translation>Segundo profesional para {purpose}: usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>The check for {purpose} must be made by a {who}.</source>
        <translation>La comprobación para {purpose} debe hacerla un {who}.</translation>
    </message>
    <message>
        <source>The check for {purpose} must be made by someone other than the person charting.</source>
        <translation>La comprobación para {purpose} debe hacerla una persona distinta de quien registra.</translation>
    </message>
    <message>
        <source>The second clinician&apos;s account was deactivated meanwhile.</source>
        <translation>La cuenta del segundo profesional se desactivó entretanto.</translation>
    </message>
    <message>
        <source>a date (YYYY-MM-DD)</source>
        <translation>una fecha (AAAA-MM-DD)</translation>
    </message>
    <message>
        <source>a folder whose parent exists</source>
        <translation>una carpeta cuya carpeta superior exista</translation>
    </message>
    <message>
        <source>output folder</source>
        <translation>carpeta de destino</translation>
    </message>
    <message>
        <source>a writable folder ({strerror})</source>
        <translation>una carpeta en la que se pueda escribir ({strerror})</translation>
    </message>
    <message>
        <source>a folder, not a file</source>
        <translation>una carpeta, no un archivo</translation>
    </message>
    <message>
        <source>Could not write {path}: {strerror}.</source>
        <translation>No se pudo escribir {path}: {strerror}.</translation>
    </message>
    <message>
        <source>export the clinic&apos;s data</source>
        <translation>exportar los datos de la clínica</translation>
    </message>
    <message>
        <source>Imported from paper: every entry was typed afterwards</source>
        <translation>Importado del papel: cada registro se tecleó después</translation>
    </message>
    <message>
        <source>checked by {name}</source>
        <translation>comprobado por {name}</translation>
    </message>
    <message>
        <source>no second clinician&apos;s check recorded</source>
        <translation>sin comprobación registrada de un segundo profesional</translation>
    </message>
    <message>
        <source>Override at {time}: {entry} — {reason} ({check}; charted by {user})</source>
        <translation>Anulación a las {time}: {entry} — {reason} ({check}; registrado por {user})</translation>
    </message>
    <message>
        <source>Infusion started at {time} with pre-infusion items not done: {items}</source>
        <translation>Infusión iniciada a las {time} con puntos previos sin hacer: {items}</translation>
    </message>
    <message>
        <source>Corrected {kind} of {time} ({entry}) by {user}: {reason}</source>
        <translation>Corregido: {kind} de las {time} ({entry}) por {user}: {reason}</translation>
    </message>
    <message>
        <source>Entered in error: {kind} of {time} ({entry}) — {reason} ({user})</source>
        <translation>Introducido por error: {kind} de las {time} ({entry}) — {reason} ({user})</translation>
    </message>
    <message>
        <source>Late entry: {kind} for {time} entered {late} later by {user}</source>
        <translation>Registro tardío: {kind} de las {time} introducido {late} después por {user}</translation>
    </message>
    <message>
        <source>Refused at the hard ceiling at {time} ({user}): {message}</source>
        <translation>Rechazado en el límite absoluto a las {time} ({user}): {message}</translation>
    </message>
    <message>
        <source>Vitals missed: none from {start} to {end} ({gap}; interval {interval} min)</source>
        <translation>Signos vitales omitidos: ninguno de {start} a {end} ({gap}; intervalo {interval} min)</translation>
    </message>
    <message>
        <source>no physician</source>
        <translation>ningún médico</translation>
    </message>
    <message>
        <source>no reason recorded</source>
        <translation>sin motivo registrado</translation>
    </message>
    <message>
        <source>Discharge at {time}: {shortfalls} — authorised by {physician}: {reason}</source>
        <translation>Alta a las {time}: {shortfalls} — autorizada por {physician}: {reason}</translation>
    </message>
    <message>
        <source>NOT acknowledged</source>
        <translation>NO reconocida</translation>
    </message>
    <message>
        <source>acknowledged at {time} by {user}: {action}</source>
        <translation>reconocida a las {time} por {user}: {action}</translation>
    </message>
    <message>
        <source>Alert at {time}: {message} — {acknowledged}</source>
        <translation>Alerta a las {time}: {message} — {acknowledged}</translation>
    </message>
    <message>
        <source>No session {session_id}.</source>
        <extracomment>(session id, version) of the stored signed version with these exact bytes, if any who unlocked the authority to issue the certificate (from this database, if known) which time the certificates were checked at and why that time is trusted</extracomment>
        <translation>No existe la sesión {session_id}.</translation>
    </message>
    <message>
        <source>monitored {minutes} min after the stop, the protocol&apos;s minimum is {minimum} min</source>
        <extracomment>the default discharge criteria by key (a session asks its protocol&apos;s: ``discharge_criteria``)</extracomment>
        <translation>vigilancia de {minutes} min tras la parada; el mínimo del protocolo es {minimum} min</translation>
    </message>
    <message>
        <source>no {scale} score after the stop (needs ≥ {minimum})</source>
        <translation>ninguna puntuación {scale} tras la parada (se necesita ≥ {minimum})</translation>
    </message>
    <message>
        <source>{scale} {score}, below the protocol&apos;s {minimum}</source>
        <translation>{scale} {score}, por debajo del {minimum} del protocolo</translation>
    </message>
    <message>
        <source>reason for the authorisation</source>
        <translation>motivo de la autorización</translation>
    </message>
    <message>
        <source>the discharge criteria by name</source>
        <translation>los criterios de alta por nombre</translation>
    </message>
    <message>
        <source>true or false for each criterion</source>
        <translation>verdadero o falso para cada criterio</translation>
    </message>
    <message>
        <source>written instructions given (no driving for 24 h, no alcohol)</source>
        <translation>instrucciones escritas entregadas (no conducir en 24 h, no tomar alcohol)</translation>
    </message>
    <message>
        <source>an early discharge</source>
        <translation>un alta anticipada</translation>
    </message>
    <message>
        <source>discharge patients</source>
        <translation>dar de alta a pacientes</translation>
    </message>
    <message>
        <source>Only a patient in post-infusion monitoring can be discharged; the session is {label}.</source>
        <translation>Solo se puede dar de alta a un paciente en vigilancia tras la infusión; estado de la sesión: {label}.</translation>
    </message>
    <message>
        <source>a physician&apos;s authorisation with a reason, because: {shortfalls}</source>
        <translation>una autorización médica con un motivo, porque: {shortfalls}</translation>
    </message>
    <message>
        <source>discharge authorisation</source>
        <translation>autorización del alta</translation>
    </message>
    <message>
        <source>a physician&apos;s own username and password to authorise it, because: {shortfalls}</source>
        <translation>el usuario y la contraseña del propio médico para autorizarla, porque: {shortfalls}</translation>
    </message>
    <message>
        <source>physician&apos;s authorisation</source>
        <translation>autorización médica</translation>
    </message>
    <message>
        <source>this protocol&apos;s discharge criteria: {choices}</source>
        <translation>los criterios de alta de este protocolo: {choices}</translation>
    </message>
    <message>
        <source>all criteria met, or a note explaining why discharge is safe</source>
        <translation>todos los criterios cumplidos, o una nota que explique por qué el alta es segura</translation>
    </message>
    <message>
        <source>the end of the session ({end})</source>
        <extracomment>a new event&apos;s place among events charted for the same instant: after all of them</extracomment>
        <translation>el final de la sesión ({end})</translation>
    </message>
    <message>
        <source>now</source>
        <translation>ahora</translation>
    </message>
    <message>
        <source>a time for the {what} between check-in ({earliest}) and {until}</source>
        <translation>una hora para la anotación ({what}) entre la llegada ({earliest}) y {until}</translation>
    </message>
    <message>
        <source>hard ceiling</source>
        <translation>tope absoluto</translation>
    </message>
    <message>
        <source>protocol maximum</source>
        <translation>máximo del protocolo</translation>
    </message>
    <message>
        <source>at most {limit} mg/kg/h ({limit_mg_h} mg/h)</source>
        <translation>como máximo {limit} mg/kg/h ({limit_mg_h} mg/h)</translation>
    </message>
    <message>
        <source>rate {value} mg/kg/h ({value_mg_h} mg/h) is above the {word} {limit} mg/kg/h; allowed: {allowed}</source>
        <translation>la velocidad {value} mg/kg/h ({value_mg_h} mg/h) supera el {word} de {limit} mg/kg/h; permitido: {allowed}</translation>
    </message>
    <message>
        <source>a bolus of at most {limit} mg ({limit_mg_kg} mg/kg)</source>
        <translation>un bolo de como máximo {limit} mg ({limit_mg_kg} mg/kg)</translation>
    </message>
    <message>
        <source>bolus {value} mg ({value_mg_kg} mg/kg) is above the {word} {limit} mg ({limit_mg_kg} mg/kg); allowed: {allowed}</source>
        <translation>el bolo de {value} mg ({value_mg_kg} mg/kg) supera el {word} de {limit} mg ({limit_mg_kg} mg/kg); permitido: {allowed}</translation>
    </message>
    <message>
        <source>given</source>
        <translation>administrado</translation>
    </message>
    <message>
        <source>projected to the planned end</source>
        <translation>previsto hasta el final planificado</translation>
    </message>
    <message>
        <source>this change may add at most {room} mg</source>
        <translation>este cambio puede añadir como máximo {room} mg</translation>
    </message>
    <message>
        <source>total {which} {value} mg ({value_mg_kg} mg/kg) would be above the {word} {limit} mg ({limit_mg_kg} mg/kg); {allowed}</source>
        <translation>el total {which} de {value} mg ({value_mg_kg} mg/kg) superaría el {word} de {limit} mg ({limit_mg_kg} mg/kg); {allowed}</translation>
    </message>
    <message>
        <source>a second nurse&apos;s or a physician&apos;s own username and password: {message}</source>
        <translation>el usuario y la contraseña propios de una segunda enfermera/o o de un médico: {message}</translation>
    </message>
    <message>
        <source>second clinician&apos;s check</source>
        <translation>comprobación del segundo profesional</translation>
    </message>
    <message>
        <source>The infusion can only start before it has begun (pre-infusion)</source>
        <translation>La infusión solo puede iniciarse antes de haber empezado (previa a la infusión)</translation>
    </message>
    <message>
        <source>The rate can only change while the infusion runs (when paused, resume at the new rate)</source>
        <translation>La velocidad solo puede cambiar mientras la infusión está en curso (si está en pausa, reanúdela a la nueva velocidad)</translation>
    </message>
    <message>
        <source>Only a running infusion can be paused</source>
        <translation>Solo se puede pausar una infusión en curso</translation>
    </message>
    <message>
        <source>Only a paused infusion can be resumed</source>
        <translation>Solo se puede reanudar una infusión en pausa</translation>
    </message>
    <message>
        <source>Only a running or paused infusion can be stopped</source>
        <translation>Solo se puede detener una infusión en curso o en pausa</translation>
    </message>
    <message>
        <source>A bolus can only be given before or during the infusion</source>
        <translation>Un bolo solo puede administrarse antes o durante la infusión</translation>
    </message>
    <message>
        <source>There is no rate to resume at: give the rate.</source>
        <translation>No hay ninguna velocidad a la que reanudar: indique la velocidad.</translation>
    </message>
    <message>
        <source>override reason</source>
        <translation>motivo para exceder el límite</translation>
    </message>
    <message>
        <source>chart doses</source>
        <translation>registrar dosis</translation>
    </message>
    <message>
        <source>{refusal}; the session is {label}.</source>
        <translation>{refusal}; estado de la sesión: {label}.</translation>
    </message>
    <message>
        <source>every required item done, or a reason for skipping. Missing: {missing}</source>
        <translation>todos los elementos obligatorios hechos, o un motivo para omitirlos. Faltan: {missing}</translation>
    </message>
    <message>
        <source>a reason for the pause</source>
        <translation>un motivo para la pausa</translation>
    </message>
    <message>
        <source>pause reason</source>
        <translation>motivo de la pausa</translation>
    </message>
    <message>
        <source>an SQLite database (PostgreSQL encrypts on the server: use its disk or tablespace encryption)</source>
        <extracomment>shown once: 64 hex digits in groups of eight where the key is kept, in words (the OS keyring, or a file where there is none)</extracomment>
        <translation>una base de datos SQLite (PostgreSQL cifra en el servidor: use el cifrado de su disco o de su tablespace)</translation>
    </message>
    <message>
        <source>encrypt</source>
        <translation>cifrar</translation>
    </message>
    <message>
        <source>{path} already exists: encryption is chosen when a database is created. Nothing was changed.</source>
        <translation>{path} ya existe: el cifrado se elige al crear una base de datos. No se cambió nada.</translation>
    </message>
    <message>
        <source>This workstation already holds another database key; nothing was changed.</source>
        <translation>Este puesto ya guarda otra clave de base de datos; no se cambió nada.</translation>
    </message>
    <message>
        <source>an SQLite database file</source>
        <translation>un archivo de base de datos SQLite</translation>
    </message>
    <message>
        <source>database</source>
        <translation>base de datos</translation>
    </message>
    <message>
        <source>There is no database at {path}. Nothing was changed.</source>
        <translation>No hay ninguna base de datos en {path}. No se cambió nada.</translation>
    </message>
    <message>
        <source>{path} is already encrypted. Nothing was changed.</source>
        <translation>{path} ya está cifrada. No se cambió nada.</translation>
    </message>
    <message>
        <source>The encrypted copy failed its checks ({detail}); nothing was changed.</source>
        <translation>La copia cifrada no superó las comprobaciones ({detail}); no se cambió nada.</translation>
    </message>
    <message>
        <source>a session number (1 or more)</source>
        <translation>un número de sesión (1 o más)</translation>
    </message>
    <message>
        <source>a record version (1 or more)</source>
        <translation>una versión del registro (1 o más)</translation>
    </message>
    <message>
        <source>version</source>
        <translation>versión</translation>
    </message>
    <message>
        <source>export a record</source>
        <translation>exportar un registro</translation>
    </message>
    <message>
        <source>You can only acknowledge your own certificates.</source>
        <translation>Solo puede confirmar sus propios certificados.</translation>
    </message>
    <message>
        <source>import a signing certificate</source>
        <translation>importar un certificado de firma</translation>
    </message>
    <message>
        <source>Your password is wrong.</source>
        <translation>Su contraseña es incorrecta.</translation>
    </message>
    <message>
        <source>a PKCS#12 file and its password</source>
        <translation>un archivo PKCS#12 y su contraseña</translation>
    </message>
    <message>
        <source>Wrong password: the record was not signed.</source>
        <translation>Contraseña incorrecta: el registro no se firmó.</translation>
    </message>
    <message>
        <source>sign records</source>
        <translation>firmar registros</translation>
    </message>
    <message>
        <source>You have no valid signing certificate: the holder of the clinic&apos;s signing authority must issue one with you present (chairlog ca issue), or import a PKCS#12 file.</source>
        <translation>No tiene ningún certificado de firma válido: el titular de la autoridad de firma de la clínica debe emitirle uno en su presencia (chairlog ca issue), o importe un archivo PKCS#12.</translation>
    </message>
    <message>
        <source>Wrong token PIN: the record was not signed.</source>
        <translation>PIN del token incorrecto: el registro no se firmó.</translation>
    </message>
    <message>
        <source>a device key as listed by chairlog monitor devices</source>
        <translation>una clave de dispositivo como la que muestra chairlog monitor devices</translation>
    </message>
    <message>
        <source>a device the listener has heard from (see chairlog monitor devices)</source>
        <translation>un dispositivo del que el receptor haya recibido datos (véase chairlog monitor devices)</translation>
    </message>
    <message>
        <source>a chair number (its id)</source>
        <translation>un número de sillón (su id)</translation>
    </message>
    <message>
        <source>an active chair</source>
        <translation>un sillón activo</translation>
    </message>
    <message>
        <source>bind monitors</source>
        <translation>asociar monitores</translation>
    </message>
    <message>
        <source>Device {device_key} is already bound to {name}.</source>
        <translation>El dispositivo {device_key} ya está asociado a {name}.</translation>
    </message>
    <message>
        <source>unbind monitors</source>
        <translation>desasociar monitores</translation>
    </message>
    <message>
        <source>Device {device_key} is not bound to a chair.</source>
        <translation>El dispositivo {device_key} no está asociado a ningún sillón.</translation>
    </message>
    <message>
        <source>change monitor key rules</source>
        <translation>cambiar las reglas de clave de los monitores</translation>
    </message>
    <message>
        <source>a positive whole number (an id)</source>
        <translation>un número entero positivo (un id)</translation>
    </message>
    <message>
        <source>a whole number from 1 to 100000</source>
        <translation>un número entero de 1 a 100000</translation>
    </message>
    <message>
        <source>a pending set id (a whole number)</source>
        <translation>el id de una serie pendiente (un número entero)</translation>
    </message>
    <message>
        <source>No pending monitor set {pending_id}.</source>
        <translation>No existe la serie pendiente del monitor {pending_id}.</translation>
    </message>
    <message>
        <source>Pending set {pending_id} was already {state}.</source>
        <translation>La serie pendiente {pending_id} ya estaba {state}.</translation>
    </message>
    <message>
        <source>Pending set {pending_id} changed meanwhile; look again.</source>
        <translation>La serie pendiente {pending_id} cambió entretanto; vuelva a revisarla.</translation>
    </message>
    <message>
        <source>reject monitor values</source>
        <translation>rechazar valores del monitor</translation>
    </message>
    <message>
        <source>clear monitor values</source>
        <translation>borrar valores del monitor</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>verdadero o falso</translation>
    </message>
    <message>
        <source>change monitor settings</source>
        <translation>cambiar la configuración de los monitores</translation>
    </message>
    <message>
        <source>a TCP port number, {low}–65535</source>
        <translation>un número de puerto TCP, {low}–65535</translation>
    </message>
    <message>
        <source>an IP address of this computer, e.g. 127.0.0.1 or 0.0.0.0 for every interface</source>
        <translation>una dirección IP de este ordenador, p. ej. 127.0.0.1, o 0.0.0.0 para todas las interfaces</translation>
    </message>
    <message>
        <source>a SQLite clinic (migrate-db moves a file to PostgreSQL)</source>
        <translation>una clínica en SQLite (migrate-db traslada un archivo a PostgreSQL)</translation>
    </message>
    <message>
        <source>source database</source>
        <translation>base de datos de origen</translation>
    </message>
    <message>
        <source>a postgresql://… address</source>
        <translation>una dirección postgresql://…</translation>
    </message>
    <message>
        <source>target database</source>
        <translation>base de datos de destino</translation>
    </message>
    <message>
        <source>move the clinic to PostgreSQL</source>
        <translation>trasladar la clínica a PostgreSQL</translation>
    </message>
    <message>
        <source>a date as YYYY-MM-DD</source>
        <translation>una fecha en formato AAAA-MM-DD</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>fecha de nacimiento</translation>
    </message>
    <message>
        <source>a date from 1900-01-01 to {today}</source>
        <translation>una fecha de 1900-01-01 a {today}</translation>
    </message>
    <message>
        <source>MRN</source>
        <translation>n.º de historia</translation>
    </message>
    <message>
        <source>letters, digits and dashes without spaces</source>
        <translation>letras, cifras y guiones sin espacios</translation>
    </message>
    <message>
        <source>register patients</source>
        <translation>registrar pacientes</translation>
    </message>
    <message>
        <source>an MRN not already registered</source>
        <translation>un n.º de historia que no esté ya registrado</translation>
    </message>
    <message>
        <source>Patient {mrn}</source>
        <translation>El paciente {mrn}</translation>
    </message>
    <message>
        <source>This patient</source>
        <translation>Este paciente</translation>
    </message>
    <message>
        <source>edit patients</source>
        <translation>editar pacientes</translation>
    </message>
    <message>
        <source>No patient {patient_id}.</source>
        <extracomment>sorts after every string an MRN prefix can start (the prefix range&apos;s upper bound)</extracomment>
        <translation>No existe el paciente {patient_id}.</translation>
    </message>
    <message>
        <source>No patient with MRN {mrn}.</source>
        <translation>No hay ningún paciente con n.º de historia {mrn}.</translation>
    </message>
    <message>
        <source>protocols/*.json</source>
        <translation>protocols/*.json</translation>
    </message>
    <message>
        <source>set up protocols</source>
        <translation>configurar protocolos</translation>
    </message>
    <message>
        <source>No protocol {protocol_id}.</source>
        <translation>No existe el protocolo {protocol_id}.</translation>
    </message>
    <message>
        <source>Protocol &apos;{name}&apos;</source>
        <translation>El protocolo &apos;{name}&apos;</translation>
    </message>
    <message>
        <source>a name not used by another protocol</source>
        <translation>un nombre que no use otro protocolo</translation>
    </message>
    <message>
        <source>edit protocols</source>
        <translation>editar protocolos</translation>
    </message>
    <message>
        <source>a reason for the new version</source>
        <translation>un motivo para la nueva versión</translation>
    </message>
    <message>
        <source>No protocol {key}.</source>
        <translation>No existe el protocolo {key}.</translation>
    </message>
    <message>
        <source>a whole number from 0 to 400, or off</source>
        <translation>un número entero de 0 a 400, o desactivado</translation>
    </message>
    <message>
        <source>{name} threshold</source>
        <translation>umbral {name}</translation>
    </message>
    <message>
        <source>below the upper limit ({hi})</source>
        <translation>por debajo del límite superior ({hi})</translation>
    </message>
    <message>
        <source>chair name</source>
        <translation>nombre del sillón</translation>
    </message>
    <message>
        <source>a chair name not already used</source>
        <translation>un nombre de sillón que no esté ya en uso</translation>
    </message>
    <message>
        <source>add chairs</source>
        <translation>añadir sillones</translation>
    </message>
    <message>
        <source>This chair</source>
        <translation>Este sillón</translation>
    </message>
    <message>
        <source>change chairs</source>
        <translation>cambiar sillones</translation>
    </message>
    <message>
        <source>No chair {chair_id}.</source>
        <translation>No existe el sillón {chair_id}.</translation>
    </message>
    <message>
        <source>version {version} of record</source>
        <translation>versión {version} del registro</translation>
    </message>
    <message>
        <source>record</source>
        <translation>registro</translation>
    </message>
    <message>
        <source>No signed {which} {record}.</source>
        <translation>No consta como firmado: {which} {record}.</translation>
    </message>
    <message>
        <source>--at</source>
        <translation>--at</translation>
    </message>
    <message>
        <source>a timestamp service: set one with &apos;chairlog clinic set --tsa-url URL&apos;</source>
        <translation>un servicio de sellado de tiempo: configúrelo con &apos;chairlog clinic set --tsa-url URL&apos;</translation>
    </message>
    <message>
        <source>a valid signed record ({reason})</source>
        <translation>un registro firmado válido ({reason})</translation>
    </message>
    <message>
        <source>reason for discarding</source>
        <extracomment>the session&apos;s version this call&apos;s transaction found and changed (optimistic lock: the UPDATE … WHERE version = it succeeded), None until the session is written</extracomment>
        <translation>motivo para descartarla</translation>
    </message>
    <message>
        <source>resolve queued entries</source>
        <translation>resolver anotaciones en cola</translation>
    </message>
    <message>
        <source>{path} is in use by another program (close chairlog on this computer first). Nothing was changed.</source>
        <translation>{path} está en uso por otro programa (cierre antes chairlog en este ordenador). No se cambió nada.</translation>
    </message>
    <message>
        <source>A PostgreSQL database is restored on the server (pg_restore).</source>
        <translation>Una base de datos PostgreSQL se restaura en el servidor (pg_restore).</translation>
    </message>
    <message>
        <source>The backup to restore is the database itself.</source>
        <translation>La copia de seguridad que se quiere restaurar es la propia base de datos.</translation>
    </message>
    <message>
        <source>The backup {source} cannot be restored: {problem}. Nothing was changed.</source>
        <translation>La copia de seguridad {source} no se puede restaurar: {problem}. No se cambió nada.</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist.</source>
        <translation>La carpeta {parent} no existe.</translation>
    </message>
    <message>
        <source>reason for returning the record</source>
        <translation>motivo para devolver el registro</translation>
    </message>
    <message>
        <source>return a record to the nurse</source>
        <translation>devolver un registro a la enfermera/o</translation>
    </message>
    <message>
        <source>Only a record awaiting signature can be returned; this one is {label}.</source>
        <translation>Solo se puede devolver un registro pendiente de firma; estado de este: {label}.</translation>
    </message>
    <message>
        <source>This record is already returned to the nurse.</source>
        <translation>Este registro ya se devolvió a la enfermera/o.</translation>
    </message>
    <message>
        <source>note for the physician</source>
        <translation>nota para el médico</translation>
    </message>
    <message>
        <source>mark a returned record ready</source>
        <translation>marcar como listo un registro devuelto</translation>
    </message>
    <message>
        <source>This record is not returned to the nurse: nothing to mark ready.</source>
        <translation>Este registro no está devuelto a la enfermera/o: no hay nada que marcar como listo.</translation>
    </message>
    <message>
        <source>a patient&apos;s MRN</source>
        <translation>el n.º de historia de un paciente</translation>
    </message>
    <message>
        <source>read a patient&apos;s series</source>
        <translation>consultar la serie de un paciente</translation>
    </message>
    <message>
        <source>No patient with MRN {wanted}.</source>
        <translation>No hay ningún paciente con n.º de historia {wanted}.</translation>
    </message>
    <message>
        <source>export a patient&apos;s series</source>
        <translation>exportar la serie de un paciente</translation>
    </message>
    <message>
        <source>This session</source>
        <translation>Esta sesión</translation>
    </message>
    <message>
        <source>a free chair: {name} is in use (session {id}, started {since})</source>
        <extracomment>how far back a session imported from paper may begin</extracomment>
        <translation>un sillón libre: {name} está ocupado (sesión {id}, iniciada {since})</translation>
    </message>
    <message>
        <source>a patient not in the chair already: in session {id} on {name} since {since}</source>
        <translation>un paciente que no esté ya en un sillón: en la sesión {id} en {name} desde {since}</translation>
    </message>
    <message>
        <source>patient</source>
        <translation>paciente</translation>
    </message>
    <message>
        <source>weight (kg)</source>
        <translation>peso (kg)</translation>
    </message>
    <message>
        <source>no check-in time (it is now), unless imported from paper</source>
        <translation>sin hora de llegada (es ahora), salvo si se importa desde papel</translation>
    </message>
    <message>
        <source>start sessions</source>
        <translation>iniciar sesiones</translation>
    </message>
    <message>
        <source>a registered patient</source>
        <translation>un paciente registrado</translation>
    </message>
    <message>
        <source>an active protocol</source>
        <translation>un protocolo activo</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>protocolo</translation>
    </message>
    <message>
        <source>a time within the last year</source>
        <translation>una hora dentro del último año</translation>
    </message>
    <message>
        <source>check-in time</source>
        <translation>hora de llegada</translation>
    </message>
    <message>
        <source>This chair or patient</source>
        <translation>Este sillón o paciente</translation>
    </message>
    <message>
        <source>end sessions</source>
        <translation>finalizar sesiones</translation>
    </message>
    <message>
        <source>a time after the last entry ({last})</source>
        <translation>una hora posterior a la última anotación ({last})</translation>
    </message>
    <message>
        <source>change the weight</source>
        <translation>cambiar el peso</translation>
    </message>
    <message>
        <source>a change before the first dose only (doses were calculated with the recorded weight)</source>
        <translation>un cambio solo antes de la primera dosis (las dosis se calcularon con el peso registrado)</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>This account is locked after too many wrong passwords until {until:%H:%M} UTC (or until an admin unlocks it).</source>
        <translation>Esta cuenta está bloqueada por demasiadas contraseñas incorrectas hasta las {until:%H:%M} UTC (o hasta que un administrador la desbloquee).</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Contraseña incorrecta.</translation>
    </message>
    <message>
        <source>unlock accounts</source>
        <translation>desbloquear cuentas</translation>
    </message>
    <message>
        <source>see locked accounts</source>
        <translation>ver las cuentas bloqueadas</translation>
    </message>
    <message>
        <source>Version {version} is already signed; open an addendum to change the record.</source>
        <extracomment>The meanings offered in the sign dialog (free text is accepted too).</extracomment>
        <translation>La versión {version} ya está firmada; abra una adenda para cambiar el registro.</translation>
    </message>
    <message>
        <source>{returned} — waiting for the nurse to mark it ready again.</source>
        <translation>{returned} — pendiente de que la enfermera/o lo marque de nuevo como listo.</translation>
    </message>
    <message>
        <source>The session has not ended: no infusion was given and it was not stopped early.</source>
        <translation>La sesión no ha terminado: no se administró ninguna infusión y no se detuvo antes de tiempo.</translation>
    </message>
    <message>
        <source>The infusion has not been stopped.</source>
        <translation>La infusión no se ha detenido.</translation>
    </message>
    <message>
        <source>No reason is recorded for stopping before the infusion.</source>
        <translation>No consta ningún motivo para detenerla antes de la infusión.</translation>
    </message>
    <message>
        <source>Baseline vitals are missing.</source>
        <translation>Faltan los signos vitales basales.</translation>
    </message>
    <message>
        <source>No ketamine dose is recorded.</source>
        <translation>No consta ninguna dosis de ketamina.</translation>
    </message>
    <message>
        <source>The infusion has no stop time.</source>
        <translation>La infusión no tiene hora de parada.</translation>
    </message>
    <message>
        <source>The patient&apos;s discharge is not recorded.</source>
        <translation>No consta el alta del paciente.</translation>
    </message>
    <message>
        <source> (and {count} more)</source>
        <translation> (y {count} más)</translation>
    </message>
    <message>
        <source>{count} alert(s) not acknowledged: {listed}{more}.</source>
        <translation>{count} alerta(s) sin confirmar: {listed}{more}.</translation>
    </message>
    <message>
        <source>a complete record. {problems}</source>
        <translation>un registro completo. {problems}</translation>
    </message>
    <message>
        <source>record {record}</source>
        <translation>registro {record}</translation>
    </message>
    <message>
        <source>This record cannot be signed: its chart was changed outside chairlog ({problems}). Run chairlog audit verify.</source>
        <translation>Este registro no se puede firmar: su historia se modificó fuera de chairlog ({problems}). Ejecute chairlog audit verify.</translation>
    </message>
    <message>
        <source>meaning of the signature</source>
        <translation>significado de la firma</translation>
    </message>
    <message>
        <source>A record that is {label} cannot be signed.</source>
        <translation>Un registro en estado «{label}» no se puede firmar.</translation>
    </message>
    <message>
        <source>reason for the addendum</source>
        <translation>motivo de la adenda</translation>
    </message>
    <message>
        <source>open an addendum</source>
        <translation>abrir una adenda</translation>
    </message>
    <message>
        <source>An addendum is already open on this record; sign it first.</source>
        <translation>Ya hay una adenda abierta en este registro; fírmela primero.</translation>
    </message>
    <message>
        <source>Only a signed record takes an addendum; this one is {label} and can still be charted directly.</source>
        <translation>Solo un registro firmado admite una adenda; este está en estado «{label}» y todavía se puede registrar directamente.</translation>
    </message>
    <message>
        <source>The signing sitting has ended (10 minutes without signing, the screen locked, or it was closed): enter your username and password again.</source>
        <extracomment>a sitting ends after this long without a signature</extracomment>
        <translation>La sesión de firma ha terminado (10 minutos sin firmar, la pantalla se bloqueó o se cerró): vuelva a introducir su usuario y contraseña.</translation>
    </message>
    <message>
        <source>That username is not yours: a sitting is opened with your own username and password.</source>
        <translation>Ese usuario no es el suyo: una sesión de firma se abre con su propio usuario y contraseña.</translation>
    </message>
    <message>
        <source>a PEM or DER certificate file</source>
        <translation>un archivo de certificado PEM o DER</translation>
    </message>
    <message>
        <source>authority</source>
        <translation>autoridad</translation>
    </message>
    <message>
        <source>exactly one certificate</source>
        <translation>exactamente un certificado</translation>
    </message>
    <message>
        <source>a certificate authority&apos;s certificate</source>
        <translation>el certificado de una autoridad de certificación</translation>
    </message>
    <message>
        <source>a different signing authority is already pinned for this database ({path}); remove that file deliberately if the clinic really changed its authority</source>
        <translation>ya hay fijada otra autoridad de firma para esta base de datos ({path}); elimine ese archivo de forma deliberada si la clínica ha cambiado de verdad de autoridad</translation>
    </message>
    <message>
        <source>Session {id}: its patient, chair or protocol is missing.</source>
        <translation>Sesión {id}: falta su paciente, su sillón o su protocolo.</translation>
    </message>
    <message>
        <source>a patient: search by name or MRN and pick one, or register a new patient</source>
        <translation>un paciente: busque por nombre o n.º de historia y elija uno, o registre un paciente nuevo</translation>
    </message>
    <message>
        <source>a chair</source>
        <translation>un sillón</translation>
    </message>
    <message>
        <source>a protocol</source>
        <translation>un protocolo</translation>
    </message>
    <message>
        <source>{name} ({severity})</source>
        <translation>{name} ({severity})</translation>
    </message>
    <message>
        <source>not started (planned {rate} mg/kg/h)</source>
        <translation>sin iniciar (prevista {rate} mg/kg/h)</translation>
    </message>
    <message>
        <source>PAUSED</source>
        <translation>EN PAUSA</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguno todavía</translation>
    </message>
    <message>
        <source>HR {hr} BP {sbp}/{dbp} SpO2 {spo2} % RR {rr} at {time} ({ago} ago)</source>
        <translation>FC {hr} PA {sbp}/{dbp} SpO2 {spo2} % FR {rr} a las {time} (hace {ago})</translation>
    </message>
    <message>
        <source>OVERDUE since {time} ({late})</source>
        <translation>ATRASADO desde las {time} ({late})</translation>
    </message>
    <message>
        <source>{time} (in {left})</source>
        <translation>{time} (en {left})</translation>
    </message>
    <message>
        <source>{name} ({severity}) since {time}</source>
        <translation>{name} ({severity}) desde {time}</translation>
    </message>
    <message>
        <source>ALERT not acknowledged: {message}</source>
        <translation>ALERTA no reconocida: {message}</translation>
    </message>
    <message>
        <source>Dose limit near: {dose} of max {limit} mg/kg</source>
        <translation>Cerca del límite de dosis: {dose} de un máximo de {limit} mg/kg</translation>
    </message>
    <message>
        <source>Checklist: {items}</source>
        <translation>Lista de verificación: {items}</translation>
    </message>
    <message>
        <source>Baseline vitals</source>
        <translation>Signos vitales basales</translation>
    </message>
    <message>
        <source>Ready for discharge</source>
        <translation>Listo para el alta</translation>
    </message>
    <message>
        <source>Discharge after {left} more monitoring</source>
        <translation>Alta tras {left} más de vigilancia</translation>
    </message>
    <message>
        <source>Planned end in {left}</source>
        <translation>Fin previsto en {left}</translation>
    </message>
    <message>
        <source>{mg} mg · {mg_kg} mg/kg (max {limit})</source>
        <translation>{mg} mg · {mg_kg} mg/kg (máx. {limit})</translation>
    </message>
    <message>
        <source>a number from {low} to {high} {unit}</source>
        <extracomment>plausibility of a dosing weight, in kg (the services&apos; limit) plausibility of a body temperature, in °C (``clinical.vitals.PLAUSIBLE[&quot;temp_c&quot;]``) decimals of a stored weight converted from lb, and of a stored temperature</extracomment>
        <translation>un número de {low} a {high} {unit}</translation>
    </message>
    <message>
        <source>weight (lb)</source>
        <translation>peso (lb)</translation>
    </message>
    <message>
        <source>{low}–{high} {unit}</source>
        <translation>{low}–{high} {unit}</translation>
    </message>
    <message>
        <source>a number, {range}</source>
        <translation>un número, {range}</translation>
    </message>
    <message>
        <source>{username} has not signed in on this workstation in the last 14 days: chart on paper until the server is back.</source>
        <translation>{username} no ha iniciado sesión en este puesto en los últimos 14 días: registre en papel hasta que vuelva el servidor.</translation>
    </message>
    <message>
        <source>Type your username and password.</source>
        <translation>Escriba su usuario y su contraseña.</translation>
    </message>
    <message>
        <source>The offline sign-in kept for {username} on this workstation is damaged: chart on paper until the server is back.</source>
        <translation>El inicio de sesión sin conexión guardado para {username} en este puesto está dañado: registre en papel hasta que vuelva el servidor.</translation>
    </message>
    <message>
        <source>{username} signs in as {role}, and only a nurse or a physician may chart: chart on paper until the server is back.</source>
        <translation>{username} inicia sesión como {role}, y solo una enfermera o un médico pueden registrar: registre en papel hasta que vuelva el servidor.</translation>
    </message>
    <message>
        <source>Wrong password. {left} more wrong and offline sign-in for {username} locks for 5 minutes.</source>
        <translation>Contraseña incorrecta. {left} intentos fallidos más y el inicio de sesión sin conexión de {username} se bloquea durante 5 minutos.</translation>
    </message>
    <message>
        <source>Offline sign-in for {username} is locked after 5 wrong passwords, until {until:%H:%M} UTC. Chart on paper meanwhile.</source>
        <translation>El inicio de sesión sin conexión de {username} está bloqueado tras 5 contraseñas incorrectas, hasta las {until:%H:%M} UTC. Mientras tanto, registre en papel.</translation>
    </message>
    <message>
        <source>A second clinician&apos;s check needs the server: chart this on paper until the server is back.</source>
        <translation>La comprobación de un segundo profesional necesita el servidor: registre esto en papel hasta que vuelva el servidor.</translation>
    </message>
    <message>
        <source>A dose change cannot be charted from the last snapshot (the infusion&apos;s state is not known here): chart it on paper.</source>
        <translation>Un cambio de dosis no puede registrarse desde la última instantánea (aquí no se conoce el estado de la infusión): regístrelo en papel.</translation>
    </message>
    <message>
        <source>Vitals kept on this workstation</source>
        <translation>Signos vitales guardados en este puesto</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About chairlog</source>
        <translation>Acerca de chairlog</translation>
    </message>
    <message>
        <source>&lt;b&gt;chairlog {version}&lt;/b&gt;&lt;br&gt;Charting for IV ketamine infusion clinics</source>
        <translation>&lt;b&gt;chairlog {version}&lt;/b&gt;&lt;br&gt;Registro clínico para clínicas de infusión intravenosa de ketamina</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar datos</translation>
    </message>
</context>
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Alert — what was done?</source>
        <translation>Alerta — ¿qué se hizo?</translation>
    </message>
    <message>
        <source>What was done (saved with your name):</source>
        <translation>Qué se hizo (se guarda con su nombre):</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Later  (Esc)</source>
        <translation>Más tarde  (Esc)</translation>
    </message>
    <message>
        <source>Leave the alert open on the page and acknowledge later</source>
        <translation>Dejar la alerta abierta en la página y confirmarla más tarde</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>Working…</source>
        <translation>Procesando…</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Añadir un usuario</translation>
    </message>
    <message>
        <source>lower case, e.g. jsmith</source>
        <translation>en minúsculas, p. ej. jsmith</translation>
    </message>
    <message>
        <source>e.g. RN, MD (printed after the name)</source>
        <translation>p. ej. Enf., Dr. (se imprime tras el nombre)</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Titulación</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Añadir usuario</translation>
    </message>
    <message>
        <source>Adding the account…</source>
        <translation>Creando la cuenta…</translation>
    </message>
</context>
<context>
    <name>AdminDialog</name>
    <message>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>You are signed in as {who}: only an admin can change these settings. Changes will be refused.</source>
        <translation>Ha iniciado sesión como {who}: solo un administrador puede cambiar estos ajustes. Los cambios serán rechazados.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Chairs</source>
        <translation>Sillones</translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation>Protocolos</translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation>Clínica</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>AlertAckDialog</name>
    <message>
        <source>Acknowledge alert</source>
        <translation>Confirmar alerta</translation>
    </message>
    <message>
        <source>What was done? (required; saved with your name and the time)</source>
        <translation>¿Qué se hizo? (obligatorio; se guarda con su nombre y la hora)</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>Qué se hizo</translation>
    </message>
    <message>
        <source>Required; saved with your name and the time. Ctrl+Enter acknowledges</source>
        <translation>Obligatorio; se guarda con su nombre y la hora. Ctrl+Intro confirma</translation>
    </message>
    <message>
        <source>Acknowledge  (Ctrl+Enter)</source>
        <translation>Confirmar  (Ctrl+Intro)</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>Open alerts</source>
        <translation>Alertas abiertas</translation>
    </message>
    <message>
        <source>Acknowledge all…</source>
        <translation>Confirmar todas…</translation>
    </message>
    <message>
        <source>Acknowledge…</source>
        <translation>Confirmar…</translation>
    </message>
    <message>
        <source>Say what was done about this alert</source>
        <translation>Indique qué se hizo ante esta alerta</translation>
    </message>
    <message>
        <source>Alert acknowledged: </source>
        <translation>Alerta confirmada: </translation>
    </message>
</context>
<context>
    <name>AssessmentsPanel</name>
    <message>
        <source>Assessments — tap a score (or Enter) to save it</source>
        <translation>Valoraciones — toque una puntuación (o Intro) para guardarla</translation>
    </message>
    <message>
        <source>Dissociation, 6 items scored 0–4</source>
        <translation>Disociación, 6 ítems puntuados de 0 a 4</translation>
    </message>
    <message>
        <source>Modified Aldrete…</source>
        <translation>Aldrete modificado…</translation>
    </message>
    <message>
        <source>Discharge score, 5 items scored 0–2; ≥ 9 ready</source>
        <translation>Puntuación de alta, 5 ítems puntuados de 0 a 2; ≥ 9 apto</translation>
    </message>
    <message>
        <source>last {value} at {value2}</source>
        <translation>última {value} a las {value2}</translation>
    </message>
    <message>
        <source>not scored yet</source>
        <translation>sin puntuar todavía</translation>
    </message>
    <message>
        <source>CADSS-6 last {value}/24 at {value2}</source>
        <translation>CADSS-6 última {value}/24 a las {value2}</translation>
    </message>
    <message>
        <source>Aldrete last {value}/10 at {value2} — </source>
        <translation>Aldrete última {value}/10 a las {value2} — </translation>
    </message>
    <message>
        <source>✓ discharge-ready</source>
        <translation>✓ apto para el alta</translation>
    </message>
    <message>
        <source>not discharge-ready</source>
        <translation>no apto para el alta</translation>
    </message>
    <message>
        <source>CADSS-6 and Aldrete not scored yet.</source>
        <translation>CADSS-6 y Aldrete sin puntuar todavía.</translation>
    </message>
    <message>
        <source>Saved: </source>
        <translation>Guardado: </translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>name or MRN</source>
        <translation>nombre o n.º de historia</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Any patient</source>
        <translation>Cualquier paciente</translation>
    </message>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Session #</source>
        <translation>Sesión n.º</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Load older</source>
        <translation>Cargar anteriores</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>Verificar la cadena</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>No patient matches &apos;{value}&apos;.</source>
        <translation>Ningún paciente coincide con &apos;{value}&apos;.</translation>
    </message>
    <message>
        <source>{n} record{value}, newest first</source>
        <translation>{n} registro{value}, los más recientes primero</translation>
    </message>
    <message>
        <source> (more: Load older)</source>
        <translation> (más: Cargar anteriores)</translation>
    </message>
    <message>
        <source>Record {seq}: {action} on {entity} {entity_id} by {user_name} ({username}) at {value}</source>
        <translation>Registro {seq}: {action} en {entity} {entity_id} por {user_name} ({username}) el {value}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motivo: {reason}</translation>
    </message>
    <message>
        <source>Before: </source>
        <translation>Antes: </translation>
    </message>
    <message>
        <source>After: </source>
        <translation>Después: </translation>
    </message>
    <message>
        <source>Hash {hash} (previous {prev_hash})</source>
        <translation>Hash {hash} (anterior {prev_hash})</translation>
    </message>
    <message>
        <source>Checking the chain…</source>
        <translation>Comprobando la cadena…</translation>
    </message>
    <message>
        <source>✔ Audit trail </source>
        <translation>✔ Registro de auditoría </translation>
    </message>
    <message>
        <source>✖ Audit trail </source>
        <translation>✖ Registro de auditoría </translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Exportar el registro de auditoría</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>Exported {rows} records to {path}</source>
        <translation>Se exportaron {rows} registros a {path}</translation>
    </message>
    <message>
        <source>Unexpected error: {exc!r}</source>
        <translation>Error inesperado: {exc!r}</translation>
    </message>
</context>
<context>
    <name>BaselinePanel</name>
    <message>
        <source>Baseline before the infusion</source>
        <translation>Basal antes de la infusión</translation>
    </message>
    <message>
        <source>Baseline vitals</source>
        <translation>Signos vitales basales</translation>
    </message>
    <message>
        <source>Baseline pain (NRS 0–10)</source>
        <translation>Dolor basal (EVN 0–10)</translation>
    </message>
    <message>
        <source>Baseline pain</source>
        <translation>Dolor basal</translation>
    </message>
    <message>
        <source>Tick the checklist on the right; then start the infusion in the Dose panel (F8, Enter).</source>
        <translation>Marque la lista de verificación de la derecha; después inicie la infusión en el panel de dosis (F8, Intro).</translation>
    </message>
    <message>
        <source>✓ {value}  HR {hr} · BP {sbp}/{dbp} · SpO2 {spo2} · RR {rr}</source>
        <translation>✓ {value}  FC {hr} · PA {sbp}/{dbp} · SpO2 {spo2} · FR {rr}</translation>
    </message>
    <message>
        <source>not recorded yet — F2, type the set, Enter</source>
        <translation>sin registrar todavía — F2, escriba la serie, Intro</translation>
    </message>
    <message>
        <source>✓ {value} at {value2}</source>
        <translation>✓ {value} a las {value2}</translation>
    </message>
    <message>
        <source>needed</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>Saved: </source>
        <translation>Guardado: </translation>
    </message>
</context>
<context>
    <name>BolusDialog</name>
    <message>
        <source>Give bolus</source>
        <translation>Administrar bolo</translation>
    </message>
    <message>
        <source>Bolus dose (mg):</source>
        <translation>Dosis del bolo (mg):</translation>
    </message>
    <message>
        <source>Bolus dose (mg)</source>
        <translation>Dosis del bolo (mg)</translation>
    </message>
    <message>
        <source>The mg/kg it makes is shown below</source>
        <translation>Los mg/kg que supone se muestran abajo</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Nota (opcional)</translation>
    </message>
    <message>
        <source>Bolus note, optional</source>
        <translation>Nota del bolo, opcional</translation>
    </message>
    <message>
        <source>protocol maximum {value} mg/kg</source>
        <translation>máximo del protocolo {value} mg/kg</translation>
    </message>
    <message>
        <source>no protocol maximum</source>
        <translation>sin máximo en el protocolo</translation>
    </message>
    <message>
        <source>= — mg/kg ({cap}, weight {value} kg)</source>
        <translation>= — mg/kg ({cap}, peso {value} kg)</translation>
    </message>
    <message>
        <source>= {value} mg/kg ({cap})</source>
        <translation>= {value} mg/kg ({cap})</translation>
    </message>
    <message>
        <source> ⚠ ABOVE MAXIMUM</source>
        <translation> ⚠ POR ENCIMA DEL MÁXIMO</translation>
    </message>
</context>
<context>
    <name>BusyRunner</name>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
</context>
<context>
    <name>CertificateNoticeDialog</name>
    <message>
        <source>chairlog — certificates issued in your name</source>
        <translation>chairlog — certificados emitidos a su nombre</translation>
    </message>
    <message>
        <source>New signing certificate in your name</source>
        <translation>Nuevo certificado de firma a su nombre</translation>
    </message>
    <message>
        <source>• {value:%Y-%m-%d %H:%M}: serial {serial}, the signing authority unlocked by {issued_by}</source>
        <translation>• {value:%Y-%m-%d %H:%M}: número de serie {serial}, autoridad de firma desbloqueada por {issued_by}</translation>
    </message>
    <message>
        <source>Since you last signed in, these certificates were issued for you:
</source>
        <translation>Desde su último inicio de sesión se emitieron estos certificados para usted:
</translation>
    </message>
    <message>
        <source>

If you did not ask for one, say so: it stops signing at once and the clinic&apos;s trail records it.</source>
        <translation>

Si usted no lo solicitó, indíquelo: la firma se detiene de inmediato y el registro de la clínica lo anota.</translation>
    </message>
    <message>
        <source>I asked for this</source>
        <translation>Lo solicité yo</translation>
    </message>
    <message>
        <source>This was not me</source>
        <translation>No fui yo</translation>
    </message>
</context>
<context>
    <name>ChairBoard</name>
    <message>
        <source>Shift handover…  (Ctrl+Shift+H)</source>
        <extracomment>a compact tile&apos;s least width (four across at 1280 logical px) the chairs the board keeps in view at once, when it has that many what one board read returns: chairs, running sessions, the clinic&apos;s time zone and the newest monitor set per session (None when that read failed: badges stay as they were)</extracomment>
        <translation>Entrega de turno…  (Ctrl+Mayús+H)</translation>
    </message>
    <message>
        <source>Every chair on one page for the shift change: preview, print or save (Ctrl+Shift+H)</source>
        <translation>Todos los sillones en una página para el cambio de turno: vista previa, imprimir o guardar (Ctrl+Mayús+H)</translation>
    </message>
    <message>
        <source>Server unreachable since {value} — showing the last data read.</source>
        <extracomment>for admins: accounts locked after wrong passwords (``ui.account_notices``)</extracomment>
        <translation>Servidor inaccesible desde {value} — se muestran los últimos datos leídos.</translation>
    </message>
    <message>
        <source>The board could not be refreshed: {exc} Timers continue from the last data read.</source>
        <translation>No se pudo actualizar el tablero: {exc} Los temporizadores siguen desde los últimos datos leídos.</translation>
    </message>
    <message>
        <source>Monitor set not charted: {exc}</source>
        <extracomment>the wait after the first monitor change before the board reads the newest sets the review dialog, while open (``ui.monitor_review.MonitorReviewDialog``)</extracomment>
        <translation>Serie del monitor no registrada: {exc}</translation>
    </message>
    <message>
        <source>{used} of {value} chairs in use</source>
        <translation>{used} de {value} sillones en uso</translation>
    </message>
    <message>
        <source>   ·   ⚠ {alerts} alert{value}</source>
        <translation>   ·   ⚠ {alerts} alerta{value}</translation>
    </message>
</context>
<context>
    <name>ChairStrip</name>
    <message>
        <source>All chairs: nothing due</source>
        <translation>Todos los sillones: nada pendiente</translation>
    </message>
</context>
<context>
    <name>ChairTile</name>
    <message>
        <source>Accept monitor set</source>
        <extracomment>point sizes (full, compact) of each text of the tile, by object name the smallest tile, full and compact the nurse accepts the newest monitor set from the tile (pending set id) the nurse wants to edit, complete, reject or clear the chair&apos;s monitor sets the clinic&apos;s units (the board sets them from ``ctx.units``) where the detail line goes in the compact tile: on its own line below the timer</extracomment>
        <translation>Aceptar serie del monitor</translation>
    </message>
    <message>
        <source>Accept the monitor&apos;s vitals set as charted</source>
        <translation>Aceptar la serie de signos vitales del monitor tal como llegó</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Revisar…</translation>
    </message>
    <message>
        <source>Review the monitor&apos;s set: edit or complete values, reject with a reason, clear older sets</source>
        <translation>Revisar la serie del monitor: editar o completar valores, rechazar con un motivo, descartar series anteriores</translation>
    </message>
    <message>
        <source>Free</source>
        <extracomment>records of this chair a physician returned to the nurse (``ui.returned``)</extracomment>
        <translation>Libre</translation>
    </message>
    <message>
        <source>FREE</source>
        <translation>LIBRE</translation>
    </message>
    <message>
        <source>Free — start session</source>
        <translation>Libre — iniciar sesión</translation>
    </message>
    <message>
        <source>{name}: free</source>
        <translation>{name}: libre</translation>
    </message>
    <message>
        <source>{name}  ·  Nurse {nurse_name}</source>
        <translation>{name}  ·  Enfermera/o {nurse_name}</translation>
    </message>
    <message>
        <source>Dose </source>
        <translation>Dosis </translation>
    </message>
    <message>
        <source>No vitals recorded yet</source>
        <translation>Sin signos vitales registrados todavía</translation>
    </message>
    <message>
        <source>{name}: {state_label}, {due_text}, {value} alert(s)</source>
        <translation>{name}: {state_label}, {due_text}, {value} alerta(s)</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Say what was done; the alert then leaves the board</source>
        <translation>Indique qué se hizo; la alerta desaparece entonces del tablero</translation>
    </message>
</context>
<context>
    <name>ChairsTab</name>
    <message>
        <source>New chair:</source>
        <translation>Nuevo sillón:</translation>
    </message>
    <message>
        <source>e.g. Chair 5 or Window bay</source>
        <translation>p. ej. Sillón 5 o Puesto de la ventana</translation>
    </message>
    <message>
        <source>Add chair</source>
        <translation>Añadir sillón</translation>
    </message>
    <message>
        <source>Take out of use</source>
        <translation>Retirar del uso</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>En uso</translation>
    </message>
    <message>
        <source>Out of use</source>
        <translation>Fuera de uso</translation>
    </message>
    <message>
        <source>Put back in use</source>
        <translation>Volver a poner en uso</translation>
    </message>
    <message>
        <source>{name} added.</source>
        <translation>{name} añadido.</translation>
    </message>
    <message>
        <source>{name} is {value}.</source>
        <translation>{name} está {value}.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Cambiar mi contraseña</translation>
    </message>
    <message>
        <source>Change the password of {display_name}</source>
        <translation>Cambiar la contraseña de {display_name}</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Contraseña actual</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Contraseña nueva</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Repita la contraseña nueva</translation>
    </message>
    <message>
        <source>The password you sign in with now</source>
        <translation>La contraseña con la que inicia sesión ahora</translation>
    </message>
    <message>
        <source>At least the clinic&apos;s minimum length</source>
        <translation>Al menos la longitud mínima de la clínica</translation>
    </message>
    <message>
        <source>The same new password, to be sure</source>
        <translation>La misma contraseña nueva, para asegurarse</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Cambiar contraseña</translation>
    </message>
    <message>
        <source>The two new passwords differ: type the same password twice.</source>
        <translation>Las dos contraseñas nuevas no coinciden: escriba la misma contraseña dos veces.</translation>
    </message>
    <message>
        <source>Saving the password…</source>
        <translation>Guardando la contraseña…</translation>
    </message>
</context>
<context>
    <name>ChartTimeControl</name>
    <message>
        <source>When the entries you make happened. Earlier times are charted as such (late entries are marked); resets to now after a save.</source>
        <translation>Cuándo ocurrió lo que registra. Las horas anteriores se registran como tales (las entradas tardías se marcan); vuelve a «ahora» tras guardar.</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <source>Chart at the current time</source>
        <translation>Registrar a la hora actual</translation>
    </message>
    <message>
        <source>Chart something that happened {m} min ago</source>
        <translation>Registrar algo que ocurrió hace {m} min</translation>
    </message>
    <message>
        <source>Type the clock time it happened (today, clinic time)</source>
        <translation>Escriba la hora a la que ocurrió (hoy, hora de la clínica)</translation>
    </message>
    <message>
        <source>Time: now</source>
        <translation>Hora: ahora</translation>
    </message>
    <message>
        <source>At 00:00 (−999 min)</source>
        <translation>A las 00:00 (−999 min)</translation>
    </message>
    <message>
        <source>At {shown:%H:%M} (−{ago} min)</source>
        <translation>A las {shown:%H:%M} (−{ago} min)</translation>
    </message>
</context>
<context>
    <name>ClinicTab</name>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Weight entered in</source>
        <translation>Peso introducido en</translation>
    </message>
    <message>
        <source>Temperature shown in</source>
        <translation>Temperatura mostrada en</translation>
    </message>
    <message>
        <source>Clinic name</source>
        <translation>Nombre de la clínica</translation>
    </message>
    <message>
        <source>Address (printed on records)</source>
        <translation>Dirección (se imprime en los registros)</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation>Tamaño del papel</translation>
    </message>
    <message>
        <source>Lock the screen after idle</source>
        <translation>Bloquear la pantalla tras inactividad de</translation>
    </message>
    <message>
        <source>Entries count as late after</source>
        <translation>Las entradas cuentan como tardías tras</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Guardar ajustes</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>Deshacer cambios</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>No ha cambiado nada.</translation>
    </message>
    <message>
        <source>Saved: {fields}.</source>
        <translation>Guardado: {fields}.</translation>
    </message>
    <message>
        <source>The window changes language when this window closes.</source>
        <translation>La ventana cambia de idioma cuando se cierre esta ventana.</translation>
    </message>
    <message>
        <source>clinic name</source>
        <translation>nombre de la clínica</translation>
    </message>
    <message>
        <source>address</source>
        <translation>dirección</translation>
    </message>
    <message>
        <source>time zone</source>
        <translation>zona horaria</translation>
    </message>
    <message>
        <source>paper size</source>
        <translation>tamaño del papel</translation>
    </message>
    <message>
        <source>idle lock minutes</source>
        <translation>minutos de bloqueo por inactividad</translation>
    </message>
    <message>
        <source>late entry minutes</source>
        <translation>minutos para entrada tardía</translation>
    </message>
    <message>
        <source>language</source>
        <translation>idioma</translation>
    </message>
    <message>
        <source>weight unit</source>
        <translation>unidad de peso</translation>
    </message>
    <message>
        <source>temperature unit</source>
        <translation>unidad de temperatura</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Entries refused by the server on replay</source>
        <translation>Entradas rechazadas por el servidor al reenviarlas</translation>
    </message>
    <message>
        <source>These entries were saved on this workstation while the server was unreachable, and the server refused them when they were sent. Check each against the chart, then chart it again or discard it with a reason.</source>
        <translation>Estas entradas se guardaron en este puesto mientras el servidor estaba inaccesible, y el servidor las rechazó al enviarlas. Compruebe cada una con la historia y vuelva a registrarla o descártela con un motivo.</translation>
    </message>
    <message>
        <source>Chart again</source>
        <translation>Registrar de nuevo</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Descartar…</translation>
    </message>
    <message>
        <source>Discard entry</source>
        <translation>Descartar entrada</translation>
    </message>
    <message>
        <source>Reason for discarding:</source>
        <translation>Motivo del descarte:</translation>
    </message>
    <message>
        <source>Discarded (audited).</source>
        <translation>Descartada (auditado).</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correct entry</source>
        <translation>Corregir entrada</translation>
    </message>
    <message>
        <source>Original: {summary}</source>
        <translation>Original: {summary}</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>Guardar corrección</translation>
    </message>
    <message>
        <source>Charted at</source>
        <translation>Registrado a las</translation>
    </message>
    <message>
        <source>Reason for the correction (required):</source>
        <translation>Motivo de la corrección (obligatorio):</translation>
    </message>
    <message>
        <source>Prefilled with the original value; change what was wrong</source>
        <translation>Rellenado con el valor original; cambie lo que estaba mal</translation>
    </message>
    <message>
        <source>Rhythm note</source>
        <translation>Nota del ritmo</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Bolus mg</source>
        <translation>Bolo mg</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Drug</source>
        <translation>Fármaco</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Dosis</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Vía</translation>
    </message>
    <message>
        <source>Side effect</source>
        <translation>Efecto adverso</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Item scores (comma-separated)</source>
        <translation>Puntuación por ítem (separadas por comas)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>Done: {value}</source>
        <translation>Hecho: {value}</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Lista de verificación</translation>
    </message>
    <message>
        <source>Skip reason</source>
        <translation>Motivo para omitir</translation>
    </message>
    <message>
        <source>Escort</source>
        <translation>Acompañante</translation>
    </message>
    <message>
        <source>Instructions / note</source>
        <translation>Instrucciones / nota</translation>
    </message>
</context>
<context>
    <name>DischargeDialog</name>
    <message>
        <source>Discharge</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Discharge patient</source>
        <translation>Dar de alta al paciente</translation>
    </message>
    <message>
        <source>{name}: not scored yet (Assessments)</source>
        <translation>{name}: sin puntuar todavía (Valoraciones)</translation>
    </message>
    <message>
        <source> ✓ discharge-ready (≥ {need})</source>
        <translation> ✓ apto para el alta (≥ {need})</translation>
    </message>
    <message>
        <source> — below {need}: not discharge-ready</source>
        <translation> — por debajo de {need}: no apto para el alta</translation>
    </message>
    <message>
        <source>Monitoring: ⚠ protocol minimum not reached — {value} to go</source>
        <translation>Vigilancia: ⚠ no se alcanzó el mínimo del protocolo — faltan {value}</translation>
    </message>
    <message>
        <source>Monitoring: ✓ protocol minimum reached</source>
        <translation>Vigilancia: ✓ mínimo del protocolo alcanzado</translation>
    </message>
    <message>
        <source>Criteria:</source>
        <translation>Criterios:</translation>
    </message>
    <message>
        <source>Escort&apos;s name (a responsible adult)</source>
        <translation>Nombre del acompañante (un adulto responsable)</translation>
    </message>
    <message>
        <source>Released to (escort&apos;s name)</source>
        <translation>Entregado a (nombre del acompañante)</translation>
    </message>
    <message>
        <source>Released to:</source>
        <translation>Entregado a:</translation>
    </message>
    <message>
        <source>Written instructions given
      (no driving for 24 h, no alcohol or sedatives today)</source>
        <translation>Instrucciones escritas entregadas
      (no conducir en 24 h, ni alcohol ni sedantes hoy)</translation>
    </message>
    <message>
        <source>Instructions / note — required to explain any criterion not met</source>
        <translation>Instrucciones / nota — obligatoria para explicar cualquier criterio no cumplido</translation>
    </message>
    <message>
        <source>Discharge instructions and note</source>
        <translation>Instrucciones y nota del alta</translation>
    </message>
    <message>
        <source>Reason for discharging now</source>
        <translation>Motivo para dar el alta ahora</translation>
    </message>
    <message>
        <source>Reason for the physician&apos;s authorisation</source>
        <translation>Motivo de la autorización médica</translation>
    </message>
    <message>
        <source>Physician&apos;s username</source>
        <translation>Usuario del médico</translation>
    </message>
    <message>
        <source>Authorising physician&apos;s username</source>
        <translation>Usuario del médico que autoriza</translation>
    </message>
    <message>
        <source>Physician&apos;s password</source>
        <translation>Contraseña del médico</translation>
    </message>
    <message>
        <source>Authorising physician&apos;s password</source>
        <translation>Contraseña del médico que autoriza</translation>
    </message>
    <message>
        <source>⚠ Not yet discharge-ready by the protocol: </source>
        <translation>⚠ Aún no apto para el alta según el protocolo: </translation>
    </message>
    <message>
        <source>. Discharging now needs a physician&apos;s authorisation (below).</source>
        <translation>. Dar el alta ahora requiere la autorización de un médico (abajo).</translation>
    </message>
    <message>
        <source>Physician&apos;s authorisation:</source>
        <translation>Autorización médica:</translation>
    </message>
    <message>
        <source>last {sbp}/{dbp}, HR {hr} vs baseline {sbp2}/{dbp2}, HR {hr2}: </source>
        <translation>última {sbp}/{dbp}, FC {hr} frente a la basal {sbp2}/{dbp2}, FC {hr2}: </translation>
    </message>
    <message>
        <source>within 20 %</source>
        <translation>dentro del 20 %</translation>
    </message>
    <message>
        <source>NOT within 20 %</source>
        <translation>NO dentro del 20 %</translation>
    </message>
    <message>
        <source>nausea / vomiting still open</source>
        <translation>náuseas / vómitos aún abiertos</translation>
    </message>
</context>
<context>
    <name>DosePanel</name>
    <message>
        <source>Dose — rate (F8)</source>
        <translation>Dosis — velocidad (F8)</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>velocidad</translation>
    </message>
    <message>
        <source>Infusion rate — F8 jumps here; Enter applies</source>
        <translation>Velocidad de infusión — F8 salta aquí; Intro la aplica</translation>
    </message>
    <message>
        <source>Infusion rate</source>
        <translation>Velocidad de infusión</translation>
    </message>
    <message>
        <source>In the unit chosen beside it (mg/kg/h, mg/h or mL/h); Enter applies it</source>
        <translation>En la unidad elegida al lado (mg/kg/h, mg/h o mL/h); Intro la aplica</translation>
    </message>
    <message>
        <source>Enter the rate in {value}</source>
        <translation>Introduzca la velocidad en {value}</translation>
    </message>
    <message>
        <source>Rate in {value}</source>
        <translation>Velocidad en {value}</translation>
    </message>
    <message>
        <source>Start anyway (reason…)</source>
        <translation>Iniciar de todos modos (motivo…)</translation>
    </message>
    <message>
        <source>Start although required pre-infusion items are not done</source>
        <translation>Iniciar aunque falten elementos obligatorios previos a la infusión</translation>
    </message>
    <message>
        <source>Pause…</source>
        <translation>Pausar…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Bolus…</source>
        <translation>Bolo…</translation>
    </message>
    <message>
        <source>Give a bolus (Shift+F8)</source>
        <translation>Administrar un bolo (Mayús+F8)</translation>
    </message>
    <message>
        <source>Stop…</source>
        <translation>Detener…</translation>
    </message>
    <message>
        <source>Stop the infusion; post-infusion monitoring begins (Shift+F9)</source>
        <translation>Detener la infusión; comienza la vigilancia postinfusión (Mayús+F9)</translation>
    </message>
    <message>
        <source> · bolus ≤ {value} mg/kg</source>
        <translation> · bolo ≤ {value} mg/kg</translation>
    </message>
    <message>
        <source>Protocol {value} mg/kg over {value2} min, max {value3} mg/kg/h</source>
        <translation>Protocolo {value} mg/kg en {value2} min, máx. {value3} mg/kg/h</translation>
    </message>
    <message>
        <source>Protocol {value} → {value2}, max {value3} mg/kg/h</source>
        <translation>Protocolo {value} → {value2}, máx. {value3} mg/kg/h</translation>
    </message>
    <message>
        <source>{first} · &lt;nobr&gt;bag {value} mg/mL&lt;/nobr&gt;&lt;br&gt;Total max &lt;nobr&gt;{value2} mg/kg&lt;/nobr&gt;{bolus}</source>
        <translation>{first} · &lt;nobr&gt;bolsa {value} mg/mL&lt;/nobr&gt;&lt;br&gt;Total máx. &lt;nobr&gt;{value2} mg/kg&lt;/nobr&gt;{bolus}</translation>
    </message>
    <message>
        <source>Change rate</source>
        <translation>Cambiar velocidad</translation>
    </message>
    <message>
        <source>Resume at this rate</source>
        <translation>Reanudar a esta velocidad</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <source>{text}  (Enter)</source>
        <translation>{text}  (Intro)</translation>
    </message>
    <message>
        <source>Resume at {rate} — shortcut F9</source>
        <translation>Reanudar a {rate} — atajo F9</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused.&lt;/b&gt; Resume (F9) restarts at &lt;b&gt;{rate}&lt;/b&gt;; or type a new rate and press Enter.</source>
        <translation>&lt;b&gt;En pausa.&lt;/b&gt; Reanudar (F9) reinicia a &lt;b&gt;{rate}&lt;/b&gt;; o escriba una nueva velocidad y pulse Intro.</translation>
    </message>
    <message>
        <source>Type a rate: the other two units appear here</source>
        <translation>Escriba una velocidad: las otras dos unidades aparecen aquí</translation>
    </message>
    <message>
        <source>  ⚠ above protocol max {value} mg/kg/h</source>
        <translation>  ⚠ por encima del máximo del protocolo {value} mg/kg/h</translation>
    </message>
    <message>
        <source>Saved: </source>
        <translation>Guardado: </translation>
    </message>
    <message>
        <source>Start without required items</source>
        <translation>Iniciar sin los elementos obligatorios</translation>
    </message>
    <message>
        <source>{missing}

Why is it safe to start anyway?</source>
        <translation>{missing}

¿Por qué es seguro iniciar de todos modos?</translation>
    </message>
    <message>
        <source>Start infusion</source>
        <translation>Iniciar infusión</translation>
    </message>
</context>
<context>
    <name>EffectPickerDialog</name>
    <message>
        <source>Which side effect?</source>
        <translation>¿Qué efecto adverso?</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
</context>
<context>
    <name>FlowsheetPanel</name>
    <message>
        <source>Side effects</source>
        <translation>Efectos adversos</translation>
    </message>
    <message>
        <source>Medications</source>
        <translation>Medicación</translation>
    </message>
    <message>
        <source>Flowsheet — oldest left, newest right</source>
        <translation>Hoja de evolución — lo más antiguo a la izquierda, lo más reciente a la derecha</translation>
    </message>
    <message>
        <source>Flowsheet: a column per charted time</source>
        <translation>Hoja de evolución: una columna por hora registrada</translation>
    </message>
    <message>
        <source>Print record…</source>
        <translation>Imprimir registro…</translation>
    </message>
    <message>
        <source>Print the session record (the same PDF as the export and the physician&apos;s preview)</source>
        <translation>Imprimir el registro de la sesión (el mismo PDF que la exportación y la vista previa del médico)</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Shift handover</source>
        <translation>Entrega de turno</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Preparing the handover…</source>
        <translation>Preparando la entrega de turno…</translation>
    </message>
    <message>
        <source>Every chair as of now; Refresh for a later moment.</source>
        <translation>Todos los sillones en este momento; Actualizar para un momento posterior.</translation>
    </message>
    <message>
        <source>The handover could not be prepared: {exc}</source>
        <translation>No se pudo preparar la entrega de turno: {exc}</translation>
    </message>
    <message>
        <source>Not printed: {exc}</source>
        <translation>No impreso: {exc}</translation>
    </message>
    <message>
        <source>Printed the handover ({pages} page{value}).</source>
        <translation>Se imprimió la entrega de turno ({pages} página{value}).</translation>
    </message>
    <message>
        <source>Save handover</source>
        <translation>Guardar la entrega de turno</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved: {strerror}</source>
        <translation>No guardado: {strerror}</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Guardado en {path}.</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <source>Reload</source>
        <extracomment>the state badge&apos;s fill: the board&apos;s state colours (white text on each, ≥ 4.5:1)</extracomment>
        <translation>Recargar</translation>
    </message>
    <message>
        <source>Read the session again (other workstations&apos; entries)</source>
        <translation>Volver a leer la sesión (entradas de otros puestos)</translation>
    </message>
    <message>
        <source>Close tab</source>
        <translation>Cerrar pestaña</translation>
    </message>
    <message>
        <source>Close this session tab (the infusion keeps running)</source>
        <translation>Cerrar la pestaña de esta sesión (la infusión sigue en marcha)</translation>
    </message>
    <message>
        <source>{age} y</source>
        <translation>{age} años</translation>
    </message>
    <message>
        <source>⚠ Allergies: {value}</source>
        <translation>⚠ Alergias: {value}</translation>
    </message>
    <message>
        <source>No known allergies</source>
        <translation>Sin alergias conocidas</translation>
    </message>
    <message>
        <source>  ·  IMPORTED FROM PAPER</source>
        <translation>  ·  IMPORTADO DEL PAPEL</translation>
    </message>
    <message>
        <source>⚠ {n_open} open alert{value}</source>
        <translation>⚠ {n_open} alerta{value} abierta{value}</translation>
    </message>
    <message>
        <source>· &amp;nbsp;&lt;b&gt;{name}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; Dosing weight &lt;b&gt;{weight}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; &lt;b&gt;{name2}&lt;/b&gt; — {indication} &amp;nbsp;·&amp;nbsp; Nurse {nurse_name}</source>
        <translation>· &amp;nbsp;&lt;b&gt;{name}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; Peso de dosificación &lt;b&gt;{weight}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; &lt;b&gt;{name2}&lt;/b&gt; — {indication} &amp;nbsp;·&amp;nbsp; Enfermera/o {nurse_name}</translation>
    </message>
</context>
<context>
    <name>Housekeeping</name>
    <message>
        <source>Backup made at {when}: {name}</source>
        <extracomment>a line for the status bar</extracomment>
        <translation>Copia de seguridad hecha a las {when}: {name}</translation>
    </message>
    <message>
        <source>Automatic backup failed: {exc}</source>
        <translation>Falló la copia de seguridad automática: {exc}</translation>
    </message>
    <message>
        <source>Clock check failed: {exc}</source>
        <translation>Falló la comprobación del reloj: {exc}</translation>
    </message>
    <message>
        <source>The computer&apos;s clock jumped forwards by {duration} — noted in the audit trail; session timers are unaffected.</source>
        <translation>El reloj del equipo saltó hacia delante {duration} — anotado en el registro de auditoría; los temporizadores de las sesiones no se ven afectados.</translation>
    </message>
    <message>
        <source>The computer&apos;s clock jumped backwards by {duration} — noted in the audit trail; session timers are unaffected.</source>
        <translation>El reloj del equipo saltó hacia atrás {duration} — anotado en el registro de auditoría; los temporizadores de las sesiones no se ven afectados.</translation>
    </message>
</context>
<context>
    <name>ItemScaleDialog</name>
    <message>
        <source>Save {label}</source>
        <translation>Guardar {label}</translation>
    </message>
    <message>
        <source>{text}, score</source>
        <translation>{text}, puntuación</translation>
    </message>
    <message>
        <source>Total {total}</source>
        <translation>Total {total}</translation>
    </message>
    <message>
        <source>  ({missing} item{value} to score)</source>
        <translation>  ({missing} ítem{value} por puntuar)</translation>
    </message>
    <message>
        <source>  ✓ discharge-ready (≥ 9)</source>
        <translation>  ✓ apto para el alta (≥ 9)</translation>
    </message>
    <message>
        <source>  — not yet discharge-ready (needs ≥ {ALDRETE_DISCHARGE_MIN})</source>
        <translation>  — aún no apto para el alta (requiere ≥ {ALDRETE_DISCHARGE_MIN})</translation>
    </message>
</context>
<context>
    <name>LockCard</name>
    <message>
        <source>Free</source>
        <translation>Libre</translation>
    </message>
    <message>
        <source>⚠ {n} ALERT{value}</source>
        <translation>⚠ ALERTAS: {n}</translation>
    </message>
    <message>
        <source>No alerts</source>
        <translation>Sin alertas</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked — patient details are hidden</source>
        <translation>Bloqueado — los datos de los pacientes están ocultos</translation>
    </message>
    <message>
        <source>Infusions continue. Timers, vitals reminders and alerts are still shown.</source>
        <translation>Las infusiones continúan. Se siguen mostrando los temporizadores, los avisos de signos vitales y las alertas.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Your own username: the same nurse, or another who takes over</source>
        <translation>Su propio usuario: la misma enfermera/o, u otra persona que le releva</translation>
    </message>
    <message>
        <source>Your password; Enter unlocks</source>
        <translation>Su contraseña; Intro desbloquea</translation>
    </message>
    <message>
        <source>Another nurse? Type your own username and password to take over.</source>
        <translation>¿Otra enfermera/o? Escriba su propio usuario y contraseña para relevar.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Signed in: {display_name}. Enter your password to continue.</source>
        <translation>Sesión iniciada: {display_name}. Introduzca su contraseña para continuar.</translation>
    </message>
    <message>
        <source>Sign in to continue.</source>
        <translation>Inicie sesión para continuar.</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Comprobando la contraseña…</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Contraseña incorrecta.</translation>
    </message>
    <message>
        <source>This account must choose a new password first: the signed-in user unlocks, then use Switch user (Ctrl+U).</source>
        <translation>Esta cuenta debe elegir primero una contraseña nueva: desbloquea el usuario con sesión iniciada y luego use Cambiar de usuario (Ctrl+U).</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>chairlog — {title}</source>
        <translation>chairlog — {title}</translation>
    </message>
    <message>
        <source>username</source>
        <translation>usuario</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Your chairlog username</source>
        <translation>Su usuario de chairlog</translation>
    </message>
    <message>
        <source>Your own password; Enter signs in</source>
        <translation>Su propia contraseña; Intro inicia sesión</translation>
    </message>
    <message>
        <source>Demo accounts (demo mode only)</source>
        <translation>Cuentas de demostración (solo en modo demo)</translation>
    </message>
    <message>
        <source>Fill in {uname} / {pw}</source>
        <translation>Rellenar {uname} / {pw}</translation>
    </message>
    <message>
        <source>Click an account to fill in its username and password, then press Enter.</source>
        <translation>Haga clic en una cuenta para rellenar su usuario y contraseña y pulse Intro.</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Comprobando la contraseña…</translation>
    </message>
    <message>
        <source>{display_name}: your password was reset. Choose a new one (at least 8 characters) to continue.</source>
        <translation>{display_name}: se restableció su contraseña. Elija una nueva (al menos 8 caracteres) para continuar.</translation>
    </message>
    <message>
        <source>Choose a new password</source>
        <translation>Elija una contraseña nueva</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Contraseña nueva</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Repita la contraseña nueva</translation>
    </message>
    <message>
        <source>Your new password</source>
        <translation>Su contraseña nueva</translation>
    </message>
    <message>
        <source>The same new password, to be sure</source>
        <translation>La misma contraseña nueva, para asegurarse</translation>
    </message>
    <message>
        <source>Save and sign in</source>
        <translation>Guardar y entrar</translation>
    </message>
    <message>
        <source>The two passwords differ: type the same password twice.</source>
        <translation>Las dos contraseñas no coinciden: escriba la misma contraseña dos veces.</translation>
    </message>
    <message>
        <source>Saving the password…</source>
        <translation>Guardando la contraseña…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Board</source>
        <translation>Tablero</translation>
    </message>
    <message>
        <source>New session…</source>
        <extracomment>Ctrl+1 … Ctrl+9 open the chairs&apos; sessions</extracomment>
        <translation>Nueva sesión…</translation>
    </message>
    <message>
        <source>Start a session</source>
        <translation>Iniciar una sesión</translation>
    </message>
    <message>
        <source>Back to the chair board</source>
        <translation>Volver al tablero de sillones</translation>
    </message>
    <message>
        <source>Find patient…</source>
        <translation>Buscar paciente…</translation>
    </message>
    <message>
        <source>A patient&apos;s sessions, pain before and after; open or export any record</source>
        <translation>Sesiones de un paciente, dolor antes y después; abrir o exportar cualquier registro</translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>Cambiar de usuario…</translation>
    </message>
    <message>
        <source>Another person signs in; entries from then on carry their name</source>
        <translation>Otra persona inicia sesión; desde entonces las entradas llevan su nombre</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>Cambiar mi contraseña…</translation>
    </message>
    <message>
        <source>Choose a new password for the signed-in account</source>
        <translation>Elegir una contraseña nueva para la cuenta con sesión iniciada</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Lock now (patient details hidden)</source>
        <translation>Bloquear ahora (datos de los pacientes ocultos)</translation>
    </message>
    <message>
        <source>Mute reminders</source>
        <translation>Silenciar avisos</translation>
    </message>
    <message>
        <source>Mute the vitals reminder sound (the board still flashes)</source>
        <translation>Silenciar el sonido del aviso de signos vitales (el tablero sigue parpadeando)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Quit chairlog (asks first while sessions run; they are kept)</source>
        <translation>Salir de chairlog (pregunta antes si hay sesiones en curso; se conservan)</translation>
    </message>
    <message>
        <source>Sign records…</source>
        <translation>Firmar registros…</translation>
    </message>
    <message>
        <source>Review and sign records</source>
        <translation>Revisar y firmar registros</translation>
    </message>
    <message>
        <source>Administration…</source>
        <translation>Administración…</translation>
    </message>
    <message>
        <source>Users, chairs, protocols and clinic settings</source>
        <translation>Usuarios, sillones, protocolos y ajustes de la clínica</translation>
    </message>
    <message>
        <source>Audit trail…</source>
        <translation>Registro de auditoría…</translation>
    </message>
    <message>
        <source>Who did what, and when</source>
        <translation>Quién hizo qué y cuándo</translation>
    </message>
    <message>
        <source>About chairlog…</source>
        <translation>Acerca de chairlog…</translation>
    </message>
    <message>
        <source>Version, database, data and log folders, Qt and Python versions</source>
        <translation>Versión, base de datos, carpetas de datos y de registro, versiones de Qt y Python</translation>
    </message>
    <message>
        <source>Chair {n}</source>
        <translation>Sillón {n}</translation>
    </message>
    <message>
        <source>Open chair {n}&apos;s session</source>
        <translation>Abrir la sesión del sillón {n}</translation>
    </message>
    <message>
        <source>&amp;chairlog</source>
        <translation>&amp;chairlog</translation>
    </message>
    <message>
        <source>&amp;Sessions</source>
        <translation>&amp;Sesiones</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Si&amp;gn</source>
        <translation>&amp;Firmar</translation>
    </message>
    <message>
        <source>&amp;Admin</source>
        <translation>A&amp;dministración</translation>
    </message>
    <message>
        <source>A&amp;udit</source>
        <translation>A&amp;uditoría</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>DEMO — not for patient care</source>
        <translation>DEMO — no usar con pacientes</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>Signed in: {who}</source>
        <translation>Usuario: {who}</translation>
    </message>
    <message>
        <source>nurse</source>
        <translation>enfermera/o</translation>
    </message>
    <message>
        <source>physician</source>
        <translation>médico</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>Cambiar de usuario</translation>
    </message>
    <message>
        <source>Sign in as yourself: everything charted from now on is recorded under your name.</source>
        <translation>Inicie sesión con su propia cuenta: todo lo que se registre a partir de ahora queda a su nombre.</translation>
    </message>
    <message>
        <source>{display_name} is now signed in.</source>
        <translation>{display_name} ha iniciado sesión.</translation>
    </message>
    <message>
        <source>There is no chair {n}.</source>
        <translation>No existe el sillón {n}.</translation>
    </message>
    <message>
        <source>{name} is free.</source>
        <translation>{name} está libre.</translation>
    </message>
    <message>
        <source>Only nurses and physicians start sessions.</source>
        <translation>Solo las enfermeras y los médicos inician sesiones.</translation>
    </message>
    <message>
        <source>The session view is not installed.</source>
        <translation>La vista de sesión no está instalada.</translation>
    </message>
    <message>
        <source>Close {value}</source>
        <translation>Cerrar {value}</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>Open {name}</source>
        <translation>Abrir {name}</translation>
    </message>
    <message>
        <source>chairlog — {clinic}</source>
        <translation>chairlog — {clinic}</translation>
    </message>
    <message>
        <source> — DEMO</source>
        <translation> — DEMO</translation>
    </message>
    <message>
        <source>chairlog — locked</source>
        <translation>chairlog — bloqueado</translation>
    </message>
    <message>
        <source>Muted {value}:{value2:02d}</source>
        <translation>Silenciado {value}:{value2:02d}</translation>
    </message>
    <message>
        <source>No sound device: reminders only flash</source>
        <translation>Sin dispositivo de sonido: los avisos solo parpadean</translation>
    </message>
</context>
<context>
    <name>MonitorPendingPanel</name>
    <message>
        <source>Accept (Shift+F2)</source>
        <extracomment>a read came back and is shown (or the panel hid: nothing waits)</extracomment>
        <translation>Aceptar (Mayús+F2)</translation>
    </message>
    <message>
        <source>Chart this set as your vitals, at the monitor&apos;s time</source>
        <translation>Registrar esta serie como sus signos vitales, a la hora del monitor</translation>
    </message>
    <message>
        <source>reason to reject (e.g. artefact)</source>
        <translation>motivo del rechazo (p. ej. artefacto)</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <source>Clear older</source>
        <translation>Descartar anteriores</translation>
    </message>
    <message>
        <source>Reject every older set of this chair, in one step</source>
        <translation>Rechazar todas las series anteriores de este sillón, de una vez</translation>
    </message>
    <message>
        <source>· {device} · observed {value} · {n} waiting</source>
        <translation>· {device} · observada {value} · {n} en espera</translation>
    </message>
    <message>
        <source> · a newer set arrived</source>
        <translation> · llegó una serie más reciente</translation>
    </message>
    <message>
        <source>control id {control_id}; received {value}</source>
        <translation>id de control {control_id}; recibida {value}</translation>
    </message>
    <message>
        <source>type it</source>
        <translation>escríbalo</translation>
    </message>
    <message>
        <source>Monitor set charted ({value})</source>
        <translation>Serie del monitor registrada ({value})</translation>
    </message>
    <message>
        <source> — LATE entry</source>
        <translation> — entrada TARDÍA</translation>
    </message>
    <message>
        <source>Monitor set rejected (nothing charted).</source>
        <translation>Serie del monitor rechazada (no se registró nada).</translation>
    </message>
    <message>
        <source>{n} older monitor set(s) cleared.</source>
        <translation>{n} serie(s) anterior(es) del monitor descartada(s).</translation>
    </message>
</context>
<context>
    <name>MonitorReviewDialog</name>
    <message>
        <source>{name} · monitor set · {display_name}</source>
        <translation>{name} · serie del monitor · {display_name}</translation>
    </message>
    <message>
        <source>Sign in to chart.</source>
        <translation>Inicie sesión para registrar.</translation>
    </message>
    <message>
        <source>No monitor set is waiting for this chair.</source>
        <translation>No hay ninguna serie del monitor en espera para este sillón.</translation>
    </message>
</context>
<context>
    <name>NotePanel</name>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Free-text note; Ctrl+Enter saves it</source>
        <translation>Nota de texto libre; Ctrl+Intro la guarda</translation>
    </message>
    <message>
        <source>Observation, conversation, physician order… (Ctrl+Enter saves)</source>
        <translation>Observación, conversación, orden médica… (Ctrl+Intro guarda)</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Guardar nota</translation>
    </message>
    <message>
        <source>Note saved</source>
        <translation>Nota guardada</translation>
    </message>
</context>
<context>
    <name>OfflineBoard</name>
    <message>
        <source>This workstation cannot keep entries ({exc}): chart on paper.</source>
        <translation>Este puesto no puede guardar entradas ({exc}): registre en papel.</translation>
    </message>
    <message>
        <source>chairlog — OFFLINE: server unreachable (last snapshot)</source>
        <translation>chairlog — SIN CONEXIÓN: servidor inaccesible (última instantánea)</translation>
    </message>
    <message>
        <source>OFFLINE — the server cannot be reached</source>
        <translation>SIN CONEXIÓN — no se puede acceder al servidor</translation>
    </message>
    <message>
        <source>The server answers again — Continue</source>
        <translation>El servidor vuelve a responder — Continuar</translation>
    </message>
    <message>
        <source>No infusion was running at the last snapshot.</source>
        <extracomment>the snapshot&apos;s sessions, and each one&apos;s tile, by session id</extracomment>
        <translation>No había ninguna infusión en curso en la última instantánea.</translation>
    </message>
    <message>
        <source>Kept on this workstation, newest first (sent to the server as each nurse once it is back and she signs in there):</source>
        <translation>Guardado en este puesto, lo más reciente primero (se envía al servidor como cada enfermera cuando vuelva y ella inicie sesión allí):</translation>
    </message>
    <message>
        <source>Sign in to chart offline  (Ctrl+I)</source>
        <translation>Iniciar sesión para registrar sin conexión  (Ctrl+I)</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Nobody signed in: the board is read-only. Chart on paper, or sign in to chart offline.</source>
        <translation>Nadie ha iniciado sesión: el tablero es de solo lectura. Registre en papel o inicie sesión para registrar sin conexión.</translation>
    </message>
    <message>
        <source>Charting OFFLINE as {name}: click a chair (or Tab to it and press Enter) to chart.</source>
        <translation>Registrando SIN CONEXIÓN como {name}: pulse un sillón (o llegue con Tab y pulse Intro) para registrar.</translation>
    </message>
    <message>
        <source>Signed out after {n} minutes without input.</source>
        <translation>Sesión cerrada tras {n} minutos sin actividad.</translation>
    </message>
    <message>
        <source>{waiting}: {queued}</source>
        <translation>{waiting}: {queued}</translation>
    </message>
    <message>
        <source>Nothing waiting on this workstation.</source>
        <translation>Nada pendiente en este puesto.</translation>
    </message>
</context>
<context>
    <name>OfflineChartDialog</name>
    <message>
        <source>chairlog — OFFLINE charting — {chair}</source>
        <translation>chairlog — registro SIN CONEXIÓN — {chair}</translation>
    </message>
    <message>
        <source>OFFLINE — {chair} · {patient} · charting as {nurse}</source>
        <translation>SIN CONEXIÓN — {chair} · {patient} · registra {nurse}</translation>
    </message>
    <message>
        <source>Each entry is kept on this workstation, charted at the moment you save it, and sent to the server as you when it is back and you sign in there. Alerts are judged by the server then: watch the patient as on paper.</source>
        <translation>Cada entrada se guarda en este puesto, con la hora en que la guarda, y se envía al servidor como usted cuando vuelva y usted inicie sesión allí. Las alertas las evaluará entonces el servidor: vigile al paciente como en papel.</translation>
    </message>
    <message>
        <source>Kept for this chair:</source>
        <translation>Guardado para este sillón:</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>A note for the chart; Save note keeps it</source>
        <translation>Una nota para el registro; Guardar nota la guarda</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Guardar nota</translation>
    </message>
    <message>
        <source>Side effect</source>
        <translation>Efecto adverso</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>Medida tomada</translation>
    </message>
    <message>
        <source>Save side effect</source>
        <translation>Guardar efecto adverso</translation>
    </message>
    <message>
        <source>{n} alert(s): act as on paper.</source>
        <translation>{n} alerta(s): actúe como en papel.</translation>
    </message>
    <message>
        <source>{time} {what}: {queued} ({waiting}).</source>
        <translation>{time} {what}: {queued} ({waiting}).</translation>
    </message>
</context>
<context>
    <name>OfflineSignInDialog</name>
    <message>
        <source>chairlog — sign in to chart offline</source>
        <translation>chairlog — iniciar sesión para registrar sin conexión</translation>
    </message>
    <message>
        <source>OFFLINE — sign in to chart</source>
        <translation>SIN CONEXIÓN — inicie sesión para registrar</translation>
    </message>
    <message>
        <source>The server cannot be reached. A nurse who signed in on this workstation within 14 days can chart here: entries are kept on this workstation and sent to the server, as you, once it is back and you sign in there.</source>
        <translation>No se puede acceder al servidor. Una enfermera que inició sesión en este puesto en los últimos 14 días puede registrar aquí: las entradas se guardan en este puesto y se envían al servidor, como usted, cuando vuelva y usted inicie sesión allí.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Your chairlog username</source>
        <translation>Su usuario de chairlog</translation>
    </message>
    <message>
        <source>Your own password; Enter signs in</source>
        <translation>Su propia contraseña; Intro inicia sesión</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Comprobando la contraseña…</translation>
    </message>
</context>
<context>
    <name>OpenSideEffects</name>
    <message>
        <source>Open side effects</source>
        <translation>Efectos adversos abiertos</translation>
    </message>
    <message>
        <source>{name} ({value}) since {since}</source>
        <translation>{name} ({value}) desde {since}</translation>
    </message>
    <message>
        <source>Rescue…</source>
        <translation>Rescate…</translation>
    </message>
    <message>
        <source>Rescue medication for this side effect</source>
        <translation>Medicación de rescate para este efecto adverso</translation>
    </message>
    <message>
        <source>Rescue medication for {name}</source>
        <translation>Medicación de rescate para {name}</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelto</translation>
    </message>
    <message>
        <source>{name} resolved</source>
        <translation>{name} resuelto</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Working…</source>
        <extracomment>the operation being run on this worker thread (the change feed reads it: ``initiator``) (the operation running, since when): one attribute, replaced whole, so the UI thread&apos;s deadline check never pairs one job&apos;s start with another job the failure delivered when the deadline passed (``ServerUnreachable``) (fn, args, kwargs) as started</extracomment>
        <translation>Procesando…</translation>
    </message>
</context>
<context>
    <name>OptionalNumber</name>
    <message>
        <source>on</source>
        <translation>activado</translation>
    </message>
</context>
<context>
    <name>OutboxBanner</name>
    <message>
        <source>{refused} refused by the server on replay — resolve…</source>
        <extracomment>the outbox changed (emitted from whichever thread changed it; delivered on the UI&apos;s)</extracomment>
        <translation>{refused} rechazada(s) por el servidor al reenviar — resolver…</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Dose limit exceeded</source>
        <translation>Límite de dosis superado</translation>
    </message>
    <message>
        <source>Override and save</source>
        <translation>Anular el límite y guardar</translation>
    </message>
    <message>
        <source>Physician order</source>
        <translation>Orden médica</translation>
    </message>
    <message>
        <source>Titration per physician</source>
        <translation>Titulación según indicación médica</translation>
    </message>
    <message>
        <source>Protocol amended</source>
        <translation>Protocolo modificado</translation>
    </message>
    <message>
        <source>Saving anyway needs an override reason and a second clinician&apos;s check; both are kept in the record.</source>
        <translation>Guardar de todos modos requiere un motivo para anular el límite y la comprobación de un segundo profesional; ambos quedan en el registro.</translation>
    </message>
    <message>
        <source>Second clinician (another nurse or a physician):</source>
        <translation>Segundo profesional (otra enfermera/o o un médico):</translation>
    </message>
    <message>
        <source>Their username</source>
        <translation>Su usuario</translation>
    </message>
    <message>
        <source>Second clinician&apos;s username</source>
        <translation>Usuario del segundo profesional</translation>
    </message>
    <message>
        <source>Another nurse or a physician checks the dose</source>
        <translation>Otra enfermera/o o un médico comprueba la dosis</translation>
    </message>
    <message>
        <source>Their password</source>
        <translation>Su contraseña</translation>
    </message>
    <message>
        <source>Second clinician&apos;s password</source>
        <translation>Contraseña del segundo profesional</translation>
    </message>
    <message>
        <source>Typed by the second clinician</source>
        <translation>La escribe el segundo profesional</translation>
    </message>
    <message>
        <source>The second clinician types their own username and password.</source>
        <translation>El segundo profesional escribe su propio usuario y contraseña.</translation>
    </message>
</context>
<context>
    <name>PatientHistoryDialog</name>
    <message>
        <source>Find patient — history</source>
        <extracomment>the clinic&apos;s units: a weight in lb clinics reads &quot;154 lb (69.85 kg)&quot;</extracomment>
        <translation>Buscar paciente — historial</translation>
    </message>
    <message>
        <source>Find a patient</source>
        <translation>Buscar un paciente</translation>
    </message>
    <message>
        <source>Name or MRN…</source>
        <translation>Nombre o n.º de historia…</translation>
    </message>
    <message>
        <source>Type to search; pick a patient to see their sessions.</source>
        <translation>Escriba para buscar; elija un paciente para ver sus sesiones.</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Exportar PDF…</translation>
    </message>
    <message>
        <source>Series…</source>
        <translation>Serie…</translation>
    </message>
    <message>
        <source>Open  (Enter)</source>
        <translation>Abrir  (Intro)</translation>
    </message>
    <message>
        <source>Could not read: {exc}</source>
        <translation>No se pudo leer: {exc}</translation>
    </message>
    <message>
        <source> · born {date_of_birth:%Y-%m-%d}</source>
        <translation> · nacido/a el {date_of_birth:%Y-%m-%d}</translation>
    </message>
    <message>
        <source>{display_name} · {mrn}{born} · {value} session(s)</source>
        <translation>{display_name} · {mrn}{born} · {value} sesión(es)</translation>
    </message>
    <message>
        <source>Export record</source>
        <translation>Exportar registro</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>Saved {name} ({value} KB).</source>
        <translation>Guardado {name} ({value} KB).</translation>
    </message>
    <message>
        <source>Export failed: {exc}</source>
        <translation>Error al exportar: {exc}</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <source>Pause infusion</source>
        <translation>Pausar la infusión</translation>
    </message>
    <message>
        <source>Why is the infusion paused?</source>
        <translation>¿Por qué se pausa la infusión?</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>The preview needs the Qt PDF module (PySide6-Pdf). Signing works without it; export the record to read it.</source>
        <translation>La vista previa necesita el módulo Qt PDF (PySide6-Pdf). La firma funciona sin él; exporte el registro para leerlo.</translation>
    </message>
    <message>
        <source>The record could not be displayed.</source>
        <translation>No se pudo mostrar el registro.</translation>
    </message>
</context>
<context>
    <name>PreInfusionPanel</name>
    <message>
        <source>Pre-infusion checklist  (Alt+K)</source>
        <translation>Lista de verificación previa a la infusión  (Alt+K)</translation>
    </message>
    <message>
        <source>  (optional)</source>
        <translation>  (opcional)</translation>
    </message>
    <message>
        <source>Checklist item: Space ticks it (saved at once); Tab to Skip… to skip it with a reason</source>
        <translation>Elemento de la lista: Espacio lo marca (se guarda al momento); Tab hasta Omitir… para omitirlo con un motivo</translation>
    </message>
    <message>
        <source>Skip…</source>
        <translation>Omitir…</translation>
    </message>
    <message>
        <source>Skip this item with a reason</source>
        <translation>Omitir este elemento con un motivo</translation>
    </message>
    <message>
        <source>Ticked by {user_name}</source>
        <translation>Marcado por {user_name}</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>omitido</translation>
    </message>
    <message>
        <source>Skipped by {user_name}: {value}</source>
        <translation>Omitido por {user_name}: {value}</translation>
    </message>
    <message>
        <source>Recorded — to undo, correct it in the timeline</source>
        <translation>Registrado — para deshacerlo, corríjalo en la cronología</translation>
    </message>
    <message>
        <source>Tick when done (Space)</source>
        <translation>Marcar al terminar (Espacio)</translation>
    </message>
    <message>
        <source>{n_check} checklist item{value}</source>
        <translation>{n_check} elemento{value} de la lista</translation>
    </message>
    <message>
        <source>Still needed before start: </source>
        <translation>Aún falta antes de iniciar: </translation>
    </message>
    <message>
        <source>✓ All required items done — ready to start (F8, Enter)</source>
        <translation>✓ Todos los elementos obligatorios hechos — listo para iniciar (F8, Intro)</translation>
    </message>
    <message>
        <source>Skip checklist item</source>
        <translation>Omitir elemento de la lista</translation>
    </message>
    <message>
        <source>Skip “{text}”: why?</source>
        <translation>Omitir «{text}»: ¿por qué?</translation>
    </message>
    <message>
        <source>Skip item</source>
        <translation>Omitir elemento</translation>
    </message>
</context>
<context>
    <name>ProtocolEditor</name>
    <message>
        <source>New version of {name}</source>
        <translation>Nueva versión de {name}</translation>
    </message>
    <message>
        <source>New protocol based on {name}</source>
        <translation>Nuevo protocolo basado en {name}</translation>
    </message>
    <message>
        <source>{name} — version {version}</source>
        <translation>{name} — versión {version}</translation>
    </message>
    <message>
        <source> → saved as version {value}</source>
        <translation> → guardado como versión {value}</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Motivo del cambio</translation>
    </message>
    <message>
        <source> (required)</source>
        <translation> (obligatorio)</translation>
    </message>
    <message>
        <source>Save new version</source>
        <translation>Guardar nueva versión</translation>
    </message>
    <message>
        <source>Save protocol</source>
        <translation>Guardar protocolo</translation>
    </message>
    <message>
        <source>Protocol and dosing</source>
        <translation>Protocolo y dosificación</translation>
    </message>
    <message>
        <source>Rate (titrated, mg/kg/h)</source>
        <translation>Velocidad (titulada, mg/kg/h)</translation>
    </message>
    <message>
        <source>Fixed dose over a set time</source>
        <translation>Dosis fija en un tiempo determinado</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Indicación</translation>
    </message>
    <message>
        <source>Dosing</source>
        <translation>Dosificación</translation>
    </message>
    <message>
        <source>Modified Aldrete</source>
        <translation>Aldrete modificado</translation>
    </message>
    <message>
        <source>PADSS</source>
        <translation>PADSS</translation>
    </message>
    <message>
        <source>Discharge score</source>
        <translation>Puntuación de alta</translation>
    </message>
    <message>
        <source>Discharge score at least</source>
        <translation>Puntuación de alta al menos</translation>
    </message>
    <message>
        <source>Alert thresholds (untick to switch a check off)</source>
        <translation>Umbrales de alerta (desmarque para desactivar una comprobación)</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name} (copia)</translation>
    </message>
</context>
<context>
    <name>ProtocolsTab</name>
    <message>
        <source>Edit → new version…</source>
        <translation>Editar → nueva versión…</translation>
    </message>
    <message>
        <source>New protocol from this…</source>
        <translation>Nuevo protocolo a partir de este…</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>en uso</translation>
    </message>
    <message>
        <source>Saved {name}, version {version}. Sessions already started keep the values they started with.</source>
        <translation>Guardado {name}, versión {version}. Las sesiones ya iniciadas conservan los valores con los que empezaron.</translation>
    </message>
</context>
<context>
    <name>QuitDialog</name>
    <message>
        <source>Quit chairlog?</source>
        <extracomment>&quot;minimize&quot; or &quot;quit&quot; (Cancel closes the dialog and does nothing)</extracomment>
        <translation>¿Salir de chairlog?</translation>
    </message>
    <message>
        <source>{n} session{value} still running</source>
        <translation>Sesiones aún en curso: {n}</translation>
    </message>
    <message>
        <source>Their timers keep counting either way, but a closed window shows no overdue vitals and rings no reminder.</source>
        <translation>Sus temporizadores siguen contando en cualquier caso, pero una ventana cerrada no muestra signos vitales atrasados ni hace sonar avisos.</translation>
    </message>
    <message>
        <source>Cancel  (Esc)</source>
        <translation>Cancelar  (Esc)</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Salir de todos modos</translation>
    </message>
    <message>
        <source>Keep running (minimize)</source>
        <translation>Seguir en marcha (minimizar)</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Save</source>
        <extracomment>service field name → the widget to highlight when that field is refused the widget that gets the keyboard focus when the dialog opens</extracomment>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Motivo (obligatorio)</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Motivo (opcional)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>, optional</source>
        <translation>, opcional</translation>
    </message>
    <message>
        <source>A reason is required.</source>
        <translation>El motivo es obligatorio.</translation>
    </message>
</context>
<context>
    <name>RecheckChoice</name>
    <message>
        <source>Repeat vitals in</source>
        <translation>Repetir signos vitales en</translation>
    </message>
    <message>
        <source>Repeat vitals sooner</source>
        <translation>Repetir signos vitales antes</translation>
    </message>
    <message>
        <source>Ticked: the vitals countdown runs to this many minutes from now</source>
        <translation>Marcado: la cuenta atrás de signos vitales corre hasta estos minutos desde ahora</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Repeat vitals in, minutes</source>
        <translation>Repetir signos vitales en, minutos</translation>
    </message>
</context>
<context>
    <name>RescueMedDialog</name>
    <message>
        <source>Rescue medication</source>
        <translation>Medicación de rescate</translation>
    </message>
    <message>
        <source>Save medication</source>
        <translation>Guardar medicación</translation>
    </message>
    <message>
        <source>— not linked to a side effect —</source>
        <translation>— sin vincular a un efecto adverso —</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Nota (opcional)</translation>
    </message>
    <message>
        <source>Medication note, optional</source>
        <translation>Nota de la medicación, opcional</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Dosis</translation>
    </message>
    <message>
        <source>The amount given, in the unit chosen next</source>
        <translation>La cantidad administrada, en la unidad elegida a continuación</translation>
    </message>
    <message>
        <source>Drug</source>
        <translation>Fármaco</translation>
    </message>
    <message>
        <source>Dose unit</source>
        <translation>Unidad de dosis</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Vía</translation>
    </message>
    <message>
        <source>Treats which side effect</source>
        <translation>Para qué efecto adverso</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Treats</source>
        <translation>Trata</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>⚠ ALLERGY recorded: {allergies}</source>
        <translation>⚠ ALERGIA registrada: {allergies}</translation>
    </message>
</context>
<context>
    <name>RestoreOffer</name>
    <message>
        <source>chairlog — The database is damaged</source>
        <translation>chairlog — La base de datos está dañada</translation>
    </message>
    <message>
        <source>The database is damaged and chairlog will not write to it.</source>
        <translation>La base de datos está dañada y chairlog no escribirá en ella.</translation>
    </message>
    <message>
        <source>{problem}

The newest backup that passes every check was taken {taken}:
{backup}

Restore it? The damaged file is kept aside next to the database, unchanged. Anything charted after the backup was taken is not in it — check the running sessions against the paper notes.</source>
        <translation>{problem}

La copia de seguridad más reciente que supera todas las comprobaciones se hizo {taken}:
{backup}

¿Restaurarla? El archivo dañado se guarda aparte junto a la base de datos, sin cambios. Lo registrado después de la copia no está en ella — compruebe las sesiones en curso con las notas en papel.</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>Restaurar esta copia de seguridad</translation>
    </message>
    <message>
        <source>Quit, change nothing</source>
        <translation>Salir sin cambiar nada</translation>
    </message>
</context>
<context>
    <name>ReturnedBar</name>
    <message>
        <source>note for the physician (optional)</source>
        <translation>nota para el médico (opcional)</translation>
    </message>
    <message>
        <source>Note for the physician when marking the record ready</source>
        <translation>Nota para el médico al marcar el registro como listo</translation>
    </message>
    <message>
        <source>Mark ready for signature</source>
        <translation>Marcar como listo para firmar</translation>
    </message>
    <message>
        <source>The record goes back to the physician&apos;s sign queue</source>
        <translation>El registro vuelve a la cola de firma del médico</translation>
    </message>
    <message>
        <source>Ready for signature: the record is back in the physician&apos;s queue.</source>
        <translation>Listo para firmar: el registro vuelve a estar en la cola del médico.</translation>
    </message>
</context>
<context>
    <name>ReturnedNotices</name>
    <message>
        <source>Open record</source>
        <translation>Abrir registro</translation>
    </message>
    <message>
        <source>Open the returned record of {patient_name}</source>
        <translation>Abrir el registro devuelto de {patient_name}</translation>
    </message>
</context>
<context>
    <name>SeriesChart</name>
    <message>
        <source>pain NRS</source>
        <translation>dolor EVN</translation>
    </message>
    <message>
        <source>● pain before (solid)    □ pain after (dashed)    ▮ ketamine mg (grey)</source>
        <translation>● dolor antes (continuo)    □ dolor después (discontinuo)    ▮ ketamina mg (gris)</translation>
    </message>
    <message>
        <source>No sessions</source>
        <translation>Sin sesiones</translation>
    </message>
</context>
<context>
    <name>SeriesDialog</name>
    <message>
        <source>Treatment series</source>
        <translation>Serie de tratamiento</translation>
    </message>
    <message>
        <source>Loading the series…</source>
        <translation>Cargando la serie…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Exportar PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>{display_name} · {mrn} · {value} session(s)</source>
        <translation>{display_name} · {mrn} · {value} sesión(es)</translation>
    </message>
    <message>
        <source>Ketamine in the series: {value} mg · side effects: {value2}</source>
        <translation>Ketamina en la serie: {value} mg · efectos adversos: {value2}</translation>
    </message>
    <message>
        <source>Could not load the series: {exc}</source>
        <translation>No se pudo cargar la serie: {exc}</translation>
    </message>
    <message>
        <source>Export series</source>
        <translation>Exportar serie</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>Saved {name} ({value} KB).</source>
        <translation>Guardado {name} ({value} KB).</translation>
    </message>
    <message>
        <source>Export failed: {exc}</source>
        <translation>Error al exportar: {exc}</translation>
    </message>
</context>
<context>
    <name>ServiceCaller</name>
    <message>
        <source>Sign in to chart.</source>
        <translation>Inicie sesión para registrar.</translation>
    </message>
    <message>
        <source>Still saving the previous entry — a moment, then save again.</source>
        <translation>Aún se está guardando la entrada anterior — espere un momento y vuelva a guardar.</translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <source>Could not reload: {e}</source>
        <translation>No se pudo recargar: {e}</translation>
    </message>
    <message>
        <source>Signed — locked. This record is read-only; changes need an addendum.</source>
        <translation>Firmado — bloqueado. Este registro es de solo lectura; los cambios requieren una adenda.</translation>
    </message>
    <message>
        <source>{label} — locked, read-only.</source>
        <translation>{label} — bloqueado, solo lectura.</translation>
    </message>
    <message>
        <source>Read-only: charting needs a nurse or physician signed in.</source>
        <translation>Solo lectura: para registrar debe haber una enfermera/o o un médico con sesión iniciada.</translation>
    </message>
    <message>
        <source>Open addendum</source>
        <translation>Abrir adenda</translation>
    </message>
    <message>
        <source>Why does this signed record need an addendum? The signed version stays unchanged; the addendum is a new version that a physician signs again.</source>
        <translation>¿Por qué necesita una adenda este registro firmado? La versión firmada no cambia; la adenda es una nueva versión que un médico vuelve a firmar.</translation>
    </message>
    <message>
        <source>Addendum open: new entries belong to the next version.</source>
        <translation>Adenda abierta: las nuevas entradas pertenecen a la siguiente versión.</translation>
    </message>
    <message>
        <source>Discharged: </source>
        <translation>Alta: </translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>chairlog — set up this clinic</source>
        <translation>chairlog — configurar esta clínica</translation>
    </message>
    <message>
        <source>Welcome to chairlog</source>
        <translation>Bienvenido/a a chairlog</translation>
    </message>
    <message>
        <source>This database is empty. Name the clinic and create the first administrator account. Protocol templates and four chairs are added for you; the administrator can change them and add nurses and physicians afterwards.</source>
        <translation>Esta base de datos está vacía. Ponga nombre a la clínica y cree la primera cuenta de administrador. Se añaden plantillas de protocolo y cuatro sillones; el administrador puede cambiarlos y añadir después enfermeras/os y médicos.</translation>
    </message>
    <message>
        <source>e.g. mreyes (lower case)</source>
        <translation>p. ej. mreyes (en minúsculas)</translation>
    </message>
    <message>
        <source>e.g. the medical director (default: the administrator)</source>
        <translation>p. ej. el director médico (por defecto: el administrador)</translation>
    </message>
    <message>
        <source>Clinic name</source>
        <translation>Nombre de la clínica</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Administrator username</source>
        <translation>Usuario del administrador</translation>
    </message>
    <message>
        <source>Administrator full name</source>
        <translation>Nombre completo del administrador</translation>
    </message>
    <message>
        <source>Password (8+ characters)</source>
        <translation>Contraseña (8 caracteres o más)</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Repita la contraseña</translation>
    </message>
    <message>
        <source>Signing authority held by</source>
        <translation>Autoridad de firma en manos de</translation>
    </message>
    <message>
        <source>Authority passphrase (12+ characters; only its holder keeps it)</source>
        <translation>Frase de paso de la autoridad (12 caracteres o más; solo la conoce su titular)</translation>
    </message>
    <message>
        <source>Authority passphrase again</source>
        <translation>Repita la frase de paso de la autoridad</translation>
    </message>
    <message>
        <source>Create clinic</source>
        <translation>Crear clínica</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>The two passwords differ: type the same password twice.</source>
        <translation>Las dos contraseñas no coinciden: escriba la misma contraseña dos veces.</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>Las dos frases de paso no coinciden: escriba la misma dos veces.</translation>
    </message>
    <message>
        <source>Chair {n}</source>
        <translation>Sillón {n}</translation>
    </message>
    <message>
        <source>The clinic was created, but the protocols or chairs were not: {exc} Add them in Admin.</source>
        <translation>Se creó la clínica, pero no los protocolos ni los sillones: {exc} Añádalos en Administración.</translation>
    </message>
    <message>
        <source>Creating the clinic and its signing authority…</source>
        <translation>Creando la clínica y su autoridad de firma…</translation>
    </message>
</context>
<context>
    <name>SideEffectDialog</name>
    <message>
        <source>Side effect: {name}</source>
        <translation>Efecto adverso: {name}</translation>
    </message>
    <message>
        <source>Save side effect</source>
        <translation>Guardar efecto adverso</translation>
    </message>
    <message>
        <source>Severity (1 / 2 / 3):</source>
        <translation>Gravedad (1 / 2 / 3):</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>Qué se hizo:</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Nota (opcional)</translation>
    </message>
    <message>
        <source>Side effect note, optional</source>
        <translation>Nota del efecto adverso, opcional</translation>
    </message>
</context>
<context>
    <name>SideEffectsPanel</name>
    <message>
        <source>Side effect — one tap</source>
        <translation>Efecto adverso — un toque</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Otro…</translation>
    </message>
    <message>
        <source>Rescue medication…</source>
        <translation>Medicación de rescate…</translation>
    </message>
    <message>
        <source>Give a rescue medication (Shift+F3)</source>
        <translation>Administrar una medicación de rescate (Mayús+F3)</translation>
    </message>
    <message>
        <source>Saved: </source>
        <translation>Guardado: </translation>
    </message>
    <message>
        <source>Resolved: </source>
        <translation>Resuelto: </translation>
    </message>
</context>
<context>
    <name>SignoffDialog</name>
    <message>
        <source>Sign records</source>
        <translation>Firmar registros</translation>
    </message>
    <message>
        <source>Signing as &lt;b&gt;{display_name}&lt;/b&gt;</source>
        <extracomment>deviation counts by session (read once per record, again when it changes)</extracomment>
        <translation>Firmando como &lt;b&gt;{display_name}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Only physicians sign records. You can review the records awaiting signature.</source>
        <translation>Solo los médicos firman registros. Puede revisar los registros pendientes de firma.</translation>
    </message>
    <message>
        <source>Today only</source>
        <translation>Solo hoy</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>Meaning of the signature</source>
        <translation>Significado de la firma</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Sign record</source>
        <translation>Firmar registro</translation>
    </message>
    <message>
        <source>Next record</source>
        <translation>Registro siguiente</translation>
    </message>
    <message>
        <source>Return to nurse…</source>
        <translation>Devolver a enfermería…</translation>
    </message>
    <message>
        <source>Send this record back to the nurse with a reason; it leaves the queue until the nurse marks it ready</source>
        <translation>Devolver este registro a enfermería con un motivo; sale de la cola hasta que enfermería lo marque como listo</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>&lt;b&gt;Awaiting signature ({value})&lt;/b&gt;</source>
        <translation>&lt;b&gt;Pendientes de firma ({value})&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No records are waiting for a signature.</source>
        <translation>No hay registros pendientes de firma.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deviations:&lt;/b&gt; none.</source>
        <translation>&lt;b&gt;Desviaciones:&lt;/b&gt; ninguna.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deviations to review ({value}):&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;Desviaciones por revisar ({value}):&lt;/b&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;… and {more} more in the record.</source>
        <translation>&lt;br&gt;… y {more} más en el registro.</translation>
    </message>
    <message>
        <source>&lt;b&gt;This record cannot be signed yet:&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;Este registro aún no se puede firmar:&lt;/b&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>Preparing the record…</source>
        <translation>Preparando el registro…</translation>
    </message>
    <message>
        <source>The record could not be prepared: {exc}</source>
        <translation>No se pudo preparar el registro: {exc}</translation>
    </message>
    <message>
        <source>Signing {value}…</source>
        <translation>Firmando {value}…</translation>
    </message>
    <message>
        <source>Signed {value}, version {record_version} — {name}.</source>
        <translation>Firmado {value}, versión {record_version} — {name}.</translation>
    </message>
    <message>
        <source>Signing failed: {exc}</source>
        <translation>Error al firmar: {exc}</translation>
    </message>
    <message>
        <source>Return to nurse</source>
        <translation>Devolver a enfermería</translation>
    </message>
    <message>
        <source>Why does {value} ({name}) go back to the nurse? The nurse sees this on the board and in the session; the record returns to this queue when marked ready.</source>
        <translation>¿Por qué vuelve {value} ({name}) a enfermería? La enfermera/o lo ve en el tablero y en la sesión; el registro vuelve a esta cola cuando se marca como listo.</translation>
    </message>
    <message>
        <source>Returned {value} to the nurse: {value2}</source>
        <translation>Devuelto {value} a enfermería: {value2}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{text}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{text}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>SittingControls</name>
    <message>
        <source>Your username, to open the signing sitting</source>
        <translation>Su usuario, para abrir la sesión de firma</translation>
    </message>
    <message>
        <source>Token PIN</source>
        <translation>PIN del token</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Su contraseña</translation>
    </message>
    <message>
        <source>the PIN of your smart card or USB token</source>
        <translation>el PIN de su tarjeta inteligente o token USB</translation>
    </message>
    <message>
        <source>Your username</source>
        <translation>Su usuario</translation>
    </message>
    <message>
        <source>End sitting</source>
        <translation>Terminar sesión de firma</translation>
    </message>
    <message>
        <source>&lt;b&gt;Signing sitting open&lt;/b&gt; since {since} — {value} signed. Each record is still signed on its own; the sitting ends after 10 minutes without signing, when the screen locks, or with End sitting.</source>
        <translation>&lt;b&gt;Sesión de firma abierta&lt;/b&gt; desde {since} — {value} firmados. Cada registro se sigue firmando por separado; la sesión de firma termina tras 10 minutos sin firmar, al bloquearse la pantalla o con Terminar sesión de firma.</translation>
    </message>
    <message>
        <source>The first signature asks for your username and password; the next ones in this sitting do not.</source>
        <translation>La primera firma pide su usuario y contraseña; las siguientes de esta sesión de firma no.</translation>
    </message>
    <message>
        <source>Enter your username and password to open the signing sitting.</source>
        <translation>Introduzca su usuario y contraseña para abrir la sesión de firma.</translation>
    </message>
</context>
<context>
    <name>StartSessionDialog</name>
    <message>
        <source>Start a session</source>
        <extracomment>the forms&apos; height at most, so the dialog stays under 700 px with Start in view</extracomment>
        <translation>Iniciar una sesión</translation>
    </message>
    <message>
        <source>Start session  (Enter)</source>
        <translation>Iniciar la sesión de infusión  (Intro)</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Type a name or MRN…</source>
        <translation>Escriba un nombre o n.º de historia…</translation>
    </message>
    <message>
        <source>Find patient</source>
        <translation>Buscar paciente</translation>
    </message>
    <message>
        <source>Type a name or MRN; matching patients are listed below</source>
        <translation>Escriba un nombre o n.º de historia; los pacientes que coinciden aparecen debajo</translation>
    </message>
    <message>
        <source>New patient…  (Ctrl+N)</source>
        <translation>Paciente nuevo…  (Ctrl+N)</translation>
    </message>
    <message>
        <source>Matching patients</source>
        <translation>Pacientes que coinciden</translation>
    </message>
    <message>
        <source>No patient matches — New patient  (Ctrl+N)</source>
        <translation>Ningún paciente coincide — Paciente nuevo  (Ctrl+N)</translation>
    </message>
    <message>
        <source>No patient selected</source>
        <translation>Ningún paciente seleccionado</translation>
    </message>
    <message>
        <source> · born {value}</source>
        <translation> · nacido/a el {value}</translation>
    </message>
    <message>
        <source>   No known allergies</source>
        <translation>   Sin alergias conocidas</translation>
    </message>
    <message>
        <source>Selected: {display_name} · {mrn}{allergies}</source>
        <translation>Seleccionado: {display_name} · {mrn}{allergies}</translation>
    </message>
    <message>
        <source>Last weight {weight} on {date}</source>
        <translation>Último peso {weight} el {date}</translation>
    </message>
    <message>
        <source>No earlier weight on record</source>
        <translation>No hay un peso anterior registrado</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>Paciente nuevo</translation>
    </message>
    <message>
        <source>e.g. Penicillin (leave empty if none)</source>
        <translation>p. ej. Penicilina (vacío si no tiene)</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexo</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Alergias</translation>
    </message>
    <message>
        <source>The clinic&apos;s medical record number</source>
        <translation>El número de historia clínica de la clínica</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre de pila</translation>
    </message>
    <message>
        <source>Year-month-day, e.g. 1970-04-23</source>
        <translation>Año-mes-día, p. ej. 1970-04-23</translation>
    </message>
    <message>
        <source>Leave empty if none are known</source>
        <translation>Vacío si no se conoce ninguna</translation>
    </message>
    <message>
        <source>New patient: fill in the form below</source>
        <translation>Paciente nuevo: rellene el formulario de abajo</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>  (in use)</source>
        <translation>  (en uso)</translation>
    </message>
    <message>
        <source>{unit}, measured today</source>
        <translation>{unit}, medido hoy</translation>
    </message>
    <message>
        <source>Weight today ({unit})</source>
        <translation>Peso de hoy ({unit})</translation>
    </message>
    <message>
        <source>Measured today, in {unit}; the last weight on record is shown below</source>
        <translation>Medido hoy, en {unit}; debajo se muestra el último peso registrado</translation>
    </message>
    <message>
        <source>= {kg} kg</source>
        <translation>= {kg} kg</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Sillón</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocolo</translation>
    </message>
    <message>
        <source>   ⚠ {change:.0%} different from last time: check the weight</source>
        <translation>   ⚠ {change:.0%} distinto de la última vez: compruebe el peso</translation>
    </message>
</context>
<context>
    <name>StopDialog</name>
    <message>
        <source>Stopping {value} before the planned end: give the reason.</source>
        <translation>Se detiene {value} antes del final previsto: indique el motivo.</translation>
    </message>
    <message>
        <source>The planned duration is complete.</source>
        <translation>La duración prevista se ha completado.</translation>
    </message>
    <message>
        <source>Stop infusion</source>
        <translation>Detener la infusión</translation>
    </message>
    <message>
        <source>Post-infusion monitoring starts when you stop (minimum {value} min).</source>
        <translation>La vigilancia postinfusión empieza al detenerla (mínimo {value} min).</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Charted for {value}, entered {value2} by {user_name}</source>
        <extracomment>the clinic&apos;s units: a vitals line shows its temperature in °F where chosen</extracomment>
        <translation>Registrado para {value}, introducido {value2} por {user_name}</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Timeline — newest first</source>
        <translation>Cronología — lo más reciente primero</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Cronología</translation>
    </message>
    <message>
        <source>Every chart entry, newest first; arrow keys pick one, Enter corrects it, Delete marks it entered in error</source>
        <translation>Todas las entradas, la más reciente primero; las flechas eligen una, Intro la corrige, Supr la marca como errónea</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>Corregir…</translation>
    </message>
    <message>
        <source>Correct the selected entry (the original stays, struck through) — F12, then Enter</source>
        <translation>Corregir la entrada seleccionada (el original se conserva tachado) — F12 y luego Intro</translation>
    </message>
    <message>
        <source>Entered in error…</source>
        <translation>Introducido por error…</translation>
    </message>
    <message>
        <source>Mark the selected entry as entered in error — F12, then Delete</source>
        <translation>Marcar la entrada seleccionada como introducida por error — F12 y luego Supr</translation>
    </message>
    <message>
        <source>Corrected: </source>
        <translation>Corregido: </translation>
    </message>
    <message>
        <source>Entered in error</source>
        <translation>Introducido por error</translation>
    </message>
    <message>
        <source>Mark as entered in error: {summary}</source>
        <translation>Marcar como introducido por error: {summary}</translation>
    </message>
    <message>
        <source>Mark entered in error</source>
        <translation>Marcar como introducido por error</translation>
    </message>
    <message>
        <source>Marked entered in error</source>
        <translation>Marcado como introducido por error</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>minutes since infusion start</source>
        <translation>minutos desde el inicio de la infusión</translation>
    </message>
    <message>
        <source>max</source>
        <translation>máx.</translation>
    </message>
    <message>
        <source>min</source>
        <translation>mín.</translation>
    </message>
    <message>
        <source>minutes since check-in (infusion not started)</source>
        <translation>minutos desde la llegada (infusión no iniciada)</translation>
    </message>
</context>
<context>
    <name>UndoButton</name>
    <message>
        <source>Undo the entry just saved</source>
        <translation>Deshacer la entrada recién guardada</translation>
    </message>
    <message>
        <source>Marks the entry just saved as entered in error (&apos;{UNDO_REASON}&apos;); offered for {UNDO_SECONDS} seconds</source>
        <translation>Marca la entrada recién guardada como introducida por error (&apos;{UNDO_REASON}&apos;); disponible durante {UNDO_SECONDS} segundos</translation>
    </message>
    <message>
        <source>Undo  (Ctrl+Z)  {left} s</source>
        <translation>Deshacer  (Ctrl+Z)  {left} s</translation>
    </message>
    <message>
        <source>Undo: {summary} — marked entered in error, reason &apos;{UNDO_REASON}&apos;</source>
        <translation>Deshacer: {summary} — marcado como introducido por error, motivo &apos;{UNDO_REASON}&apos;</translation>
    </message>
    <message>
        <source>Undone: {summary} — kept struck through as entered in error ({UNDO_REASON})</source>
        <translation>Deshecho: {summary} — se conserva tachado como introducido por error ({UNDO_REASON})</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>Add user…</source>
        <translation>Añadir usuario…</translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation>Desactivar…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Restablecer contraseña…</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <source>must change</source>
        <translation>debe cambiarla</translation>
    </message>
    <message>
        <source>Reactivate…</source>
        <translation>Reactivar…</translation>
    </message>
    <message>
        <source>Account &apos;{username}&apos; created. Temporary password: {password} — hand it over; it must be changed at first sign-in.</source>
        <translation>Cuenta &apos;{username}&apos; creada. Contraseña temporal: {password} — entréguesela; debe cambiarse en el primer inicio de sesión.</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reactivar</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>{verb} the account of {full_name} ({username})? </source>
        <translation>¿{verb} la cuenta de {full_name} ({username})? </translation>
    </message>
    <message>
        <source>They will be able to sign in again.</source>
        <translation>Podrá volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>They can no longer sign in or chart; their entries stay as they are.</source>
        <translation>Ya no podrá iniciar sesión ni registrar; sus entradas quedan como están.</translation>
    </message>
    <message>
        <source>Reason (required, kept in the audit trail)</source>
        <translation>Motivo (obligatorio, se guarda en el registro de auditoría)</translation>
    </message>
    <message>
        <source> Their signing certificate is revoked; a new one needs the signing authority&apos;s holder, with them present, after they set their own password.</source>
        <translation> Su certificado de firma queda revocado; uno nuevo requiere al titular de la autoridad de firma, en su presencia, después de que elija su propia contraseña.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Restablecer contraseña</translation>
    </message>
    <message>
        <source>Give {full_name} ({username}) a temporary password? They must change it at their next sign-in.{key_note}</source>
        <translation>¿Dar a {full_name} ({username}) una contraseña temporal? Deberá cambiarla en su próximo inicio de sesión.{key_note}</translation>
    </message>
</context>
<context>
    <name>VitalsForm</name>
    <message>
        <source>VITALS</source>
        <translation>SIGNOS VITALES</translation>
    </message>
    <message>
        <source>Vitals</source>
        <translation>Signos vitales</translation>
    </message>
    <message>
        <source>Jump to the vitals form: type, Tab, … Enter saves</source>
        <translation>Ir al formulario de signos vitales: escriba, Tab, … Intro guarda</translation>
    </message>
    <message>
        <source>Required. The previous value is shown under the field; Enter saves the set</source>
        <translation>Obligatorio. El valor anterior se muestra bajo el campo; Intro guarda la serie</translation>
    </message>
    <message>
        <source>opt.</source>
        <translation>opc.</translation>
    </message>
    <message>
        <source>{text} ({unit}), optional</source>
        <translation>{text} ({unit}), opcional</translation>
    </message>
    <message>
        <source>{value} ({unit}), optional</source>
        <translation>{value} ({unit}), opcional</translation>
    </message>
    <message>
        <source>Optional; Enter saves the set</source>
        <translation>Opcional; Intro guarda la serie</translation>
    </message>
    <message>
        <source>Rhythm note &lt;span style=&apos;font-size:{size}px; color:{muted}&apos;&gt;optional&lt;/span&gt;</source>
        <translation>Nota del ritmo &lt;span style=&apos;font-size:{size}px; color:{muted}&apos;&gt;opcional&lt;/span&gt;</translation>
    </message>
    <message>
        <source>e.g. sinus rhythm</source>
        <translation>p. ej. ritmo sinusal</translation>
    </message>
    <message>
        <source>Rhythm note, optional</source>
        <translation>Nota del ritmo, opcional</translation>
    </message>
    <message>
        <source>ECG rhythm in words; Enter saves the set</source>
        <translation>Ritmo del ECG en palabras; Intro guarda la serie</translation>
    </message>
    <message>
        <source>Save
(Enter)</source>
        <translation>Guardar
(Intro)</translation>
    </message>
    <message>
        <source>Save the whole set — Enter in any field</source>
        <translation>Guardar la serie completa — Intro en cualquier campo</translation>
    </message>
    <message>
        <source>· BASELINE</source>
        <translation>· BASAL</translation>
    </message>
    <message>
        <source>Before the infusion starts, vitals are saved as the baseline</source>
        <translation>Antes de iniciar la infusión, los signos vitales se guardan como basales</translation>
    </message>
    <message>
        <source>prev {value}</source>
        <translation>ant. {value}</translation>
    </message>
    <message>
        <source>prev —</source>
        <translation>ant. —</translation>
    </message>
    <message>
        <source>· no previous set</source>
        <translation>· sin serie anterior</translation>
    </message>
    <message>
        <source>· previous {value} {who}{late}</source>
        <translation>· anterior {value} {who}{late}</translation>
    </message>
    <message>
        <source> — LATE entry</source>
        <translation> — entrada TARDÍA</translation>
    </message>
    <message>
        <source>Vitals saved ({value}){late}</source>
        <translation>Signos vitales guardados ({value}){late}</translation>
    </message>
    <message>
        <source>Not saved — {label}: {typed} is not accepted — {accepted}</source>
        <translation>No guardado — {label}: {typed} no es válido — {accepted}</translation>
    </message>
    <message>
        <source>Not saved — {e}</source>
        <translation>No guardado — {e}</translation>
    </message>
</context>
<context>
    <name>WindowListener</name>
    <message>
        <source>Bedside monitors: listening on {host}:{port}.</source>
        <extracomment>pending sets the child reported stored (for the status and the tests)</extracomment>
        <translation>Monitores de cabecera: escuchando en {host}:{port}.</translation>
    </message>
    <message>
        <source>Bedside monitors: the listener could not start (the chairlog program was not found).</source>
        <translation>Monitores de cabecera: no se pudo iniciar la escucha (no se encontró el programa chairlog).</translation>
    </message>
    <message>
        <source>exit code {code}</source>
        <translation>código de salida {code}</translation>
    </message>
    <message>
        <source>Bedside monitors: the listener could not start ({why}).</source>
        <translation>Monitores de cabecera: no se pudo iniciar la escucha ({why}).</translation>
    </message>
    <message>
        <source>Bedside monitors: the listener stopped ({why}); starting it again.</source>
        <translation>Monitores de cabecera: la escucha se detuvo ({why}); se vuelve a iniciar.</translation>
    </message>
    <message>
        <source>Bedside monitors: the listener could not start ({exc}).</source>
        <translation>Monitores de cabecera: no se pudo iniciar la escucha ({exc}).</translation>
    </message>
</context>
<context>
    <name>about</name>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source> (standalone bundle)</source>
        <translation> (paquete independiente)</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>ninguna abierta</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Archivo de registro</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>Recursos</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
</context>
<context>
    <name>account_notices</name>
    <message>
        <source>Locked accounts: {listed}. Unlock in Administration → Users.</source>
        <translation>Cuentas bloqueadas: {listed}. Desbloquéelas en Administración → Usuarios.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>The database is damaged</source>
        <translation>La base de datos está dañada</translation>
    </message>
    <message>
        <source>{exc}

Nothing was changed. Ask whoever looks after this computer to restore the latest backup.</source>
        <translation>{exc}

No se cambió nada. Pida a la persona que mantiene este equipo que restaure la última copia de seguridad.</translation>
    </message>
    <message>
        <source>The database cannot be opened</source>
        <translation>No se puede abrir la base de datos</translation>
    </message>
    <message>
        <source>{exc}

Nothing was changed.</source>
        <translation>{exc}

No se cambió nada.</translation>
    </message>
    <message>
        <source>chairlog — {title}</source>
        <translation>chairlog — {title}</translation>
    </message>
    <message>
        <source>Preparing the demo clinic…</source>
        <translation>Preparando la clínica de demostración…</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Abriendo la base de datos…</translation>
    </message>
    <message>
        <source>chairlog cannot start</source>
        <translation>chairlog no puede iniciarse</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
</context>
<context>
    <name>chair_strip</name>
    <message>
        <source>{name}: {n} alert{value} to acknowledge</source>
        <translation>{name}: {n} alerta{value} por confirmar</translation>
    </message>
    <message>
        <source>{name}: dose near limit</source>
        <translation>{name}: dosis cerca del límite</translation>
    </message>
    <message>
        <source>{name}: ready for discharge</source>
        <translation>{name}: listo para el alta</translation>
    </message>
</context>
<context>
    <name>clinical</name>
    <message>
        <source>Checked in</source>
        <extracomment>how often a pending switch looks whether the dialog in the way has closed the clinical core&apos;s words shown by the window (``chairlog.clinical`` knows no Qt): session states and the assessment scales&apos; names and items, translated where they are shown</extracomment>
        <translation>Registrado a su llegada</translation>
    </message>
    <message>
        <source>Pre-infusion</source>
        <translation>Preinfusión</translation>
    </message>
    <message>
        <source>Infusing</source>
        <translation>En infusión</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Vigilancia</translation>
    </message>
    <message>
        <source>Discharged</source>
        <translation>Alta dada</translation>
    </message>
    <message>
        <source>Stopped early</source>
        <translation>Detenida antes de tiempo</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Firmado</translation>
    </message>
    <message>
        <source>Addendum open</source>
        <translation>Adenda abierta</translation>
    </message>
    <message>
        <source>Pain NRS</source>
        <translation>Dolor EVN</translation>
    </message>
    <message>
        <source>Mood NRS</source>
        <translation>Estado de ánimo EVN</translation>
    </message>
    <message>
        <source>Modified Aldrete</source>
        <translation>Aldrete modificado</translation>
    </message>
    <message>
        <source>Things seem unreal</source>
        <translation>Las cosas parecen irreales</translation>
    </message>
    <message>
        <source>Time seems to change</source>
        <translation>El tiempo parece cambiar</translation>
    </message>
    <message>
        <source>Body feels changed</source>
        <translation>Siente el cuerpo cambiado</translation>
    </message>
    <message>
        <source>Feel disconnected</source>
        <translation>Se siente desconectado</translation>
    </message>
    <message>
        <source>Sounds or colours changed</source>
        <translation>Sonidos o colores alterados</translation>
    </message>
    <message>
        <source>Gaps in memory</source>
        <translation>Lagunas de memoria</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>Respiration</source>
        <translation>Respiración</translation>
    </message>
    <message>
        <source>Circulation</source>
        <translation>Circulación</translation>
    </message>
    <message>
        <source>Consciousness</source>
        <translation>Consciencia</translation>
    </message>
    <message>
        <source>Oxygen saturation</source>
        <translation>Saturación de oxígeno</translation>
    </message>
    <message>
        <source>Vital signs</source>
        <translation>Signos vitales</translation>
    </message>
    <message>
        <source>Nausea and vomiting</source>
        <translation>Náuseas y vómitos</translation>
    </message>
    <message>
        <source>Pain</source>
        <translation>Dolor</translation>
    </message>
    <message>
        <source>Bleeding</source>
        <translation>Sangrado</translation>
    </message>
    <message>
        <source>Vitals within 20 % of baseline</source>
        <extracomment>the default criteria&apos;s labels (chairlog.clinical.policy), for the catalog; a protocol&apos;s own labels are shown as the clinic wrote them</extracomment>
        <translation>Signos vitales dentro del 20 % de los basales</translation>
    </message>
    <message>
        <source>Alert and oriented</source>
        <translation>Alerta y orientado</translation>
    </message>
    <message>
        <source>Walks steadily</source>
        <translation>Camina con estabilidad</translation>
    </message>
    <message>
        <source>Nausea controlled</source>
        <translation>Náuseas controladas</translation>
    </message>
    <message>
        <source>Pain acceptable</source>
        <translation>Dolor aceptable</translation>
    </message>
</context>
<context>
    <name>common</name>
    <message>
        <source> — shortcut {shortcut}</source>
        <extracomment>the services&apos; time parameters the page&apos;s time control can fill (``Host.submit(timed=True)``)</extracomment>
        <translation> — atajo {shortcut}</translation>
    </message>
</context>
<context>
    <name>context</name>
    <message>
        <source>SQLite: </source>
        <extracomment>seconds between board refreshes from the database (other workstations&apos; changes) the clinic&apos;s weight-entry and temperature units (set by the main window from the clinic settings it reads; stored values are always kg and °C) called (in order) when the window locks, e.g. to drop decrypted signing keys</extracomment>
        <translation>SQLite: </translation>
    </message>
    <message>
        <source>PostgreSQL: {value}{path}</source>
        <translation>PostgreSQL: {value}{path}</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>

(error: {name})</source>
        <translation>

(error: {name})</translation>
    </message>
    <message>
        <source>chairlog — unexpected error</source>
        <translation>chairlog — error inesperado</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>Seguir trabajando</translation>
    </message>
    <message>
        <source>Quit chairlog</source>
        <translation>Salir de chairlog</translation>
    </message>
</context>
<context>
    <name>dose_panel</name>
    <message>
        <source>{n} pre-infusion item{value} not done yet</source>
        <translation>Elementos previos a la infusión aún sin hacer: {n}</translation>
    </message>
    <message>
        <source>Not started — {what}. Tick them in the checklist (Alt+K), or press “Start anyway” and say why.</source>
        <translation>No iniciado — {what}. Márquelos en la lista de verificación (Alt+K), o pulse «Iniciar de todos modos» e indique por qué.</translation>
    </message>
    <message>
        <source>Not saved — {e}</source>
        <translation>No guardado — {e}</translation>
    </message>
</context>
<context>
    <name>handover</name>
    <message>
        <source>Chair</source>
        <translation>Sillón</translation>
    </message>
    <message>
        <source>Patient · protocol</source>
        <translation>Paciente · protocolo</translation>
    </message>
    <message>
        <source>State · in chair</source>
        <translation>Estado · en el sillón</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Dosis</translation>
    </message>
    <message>
        <source>Last vitals</source>
        <translation>Últimos signos vitales</translation>
    </message>
    <message>
        <source>Next vitals</source>
        <translation>Próximos signos vitales</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Shift handover {time}</source>
        <translation>Entrega de turno {time}</translation>
    </message>
    <message>
        <source>{duration} in chair</source>
        <translation>{duration} en el sillón</translation>
    </message>
    <message>
        <source>Shift handover — {clinic}</source>
        <translation>Entrega de turno — {clinic}</translation>
    </message>
    <message>
        <source>Printed {time} · {count} chair(s) in use · working paper, not part of the medical record</source>
        <translation>Impreso {time} · {count} sillón(es) en uso · documento de trabajo, no forma parte de la historia clínica</translation>
    </message>
    <message>
        <source>No chair is in use.</source>
        <translation>No hay ningún sillón en uso.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Free chairs: {chairs}.</source>
        <translation>Sillones libres: {chairs}.</translation>
    </message>
    <message>
        <source>Awaiting the physician&apos;s signature ({count}): {records}.</source>
        <translation>Pendientes de firma médica ({count}): {records}.</translation>
    </message>
    <message>
        <source>Returned to the nurse ({count}): {records}.</source>
        <translation>Devueltos a enfermería ({count}): {records}.</translation>
    </message>
</context>
<context>
    <name>layout</name>
    <message>
        <source>Discharge…</source>
        <extracomment>the narrowest the chart/timeline column gets beside the others</extracomment>
        <translation>Alta…</translation>
    </message>
    <message>
        <source>Discharge the patient (after post-infusion monitoring)</source>
        <translation>Dar de alta al paciente (tras la vigilancia postinfusión)</translation>
    </message>
    <message>
        <source>Open addendum…</source>
        <translation>Abrir adenda…</translation>
    </message>
    <message>
        <source>Reopen this signed record for an addendum: a new version that is signed again; the signed version stays as it is</source>
        <translation>Reabrir este registro firmado para una adenda: una nueva versión que se vuelve a firmar; la versión firmada queda como está</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>Descartar el mensaje</translation>
    </message>
    <message>
        <source>Charting time</source>
        <translation>Hora del registro</translation>
    </message>
    <message>
        <source>The time the next entry is charted at; leave it for now, or set an earlier time for a late entry</source>
        <translation>La hora a la que se registra la próxima entrada; déjela en «ahora» o ponga una hora anterior para una entrada tardía</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Basal</translation>
    </message>
    <message>
        <source>Side effects (F3)</source>
        <translation>Efectos adversos (F3)</translation>
    </message>
    <message>
        <source>Assessments (F4)</source>
        <translation>Valoraciones (F4)</translation>
    </message>
    <message>
        <source>Note (F6)</source>
        <translation>Nota (F6)</translation>
    </message>
    <message>
        <source>Timeline (F12)</source>
        <translation>Cronología (F12)</translation>
    </message>
    <message>
        <source>Flowsheet</source>
        <translation>Hoja de evolución</translation>
    </message>
</context>
<context>
    <name>models</name>
    <message>
        <source>LATE (entered {value})</source>
        <translation>TARDÍA (introducida {value})</translation>
    </message>
    <message>
        <source> — ack {acknowledged_by_name}: {action_taken}</source>
        <translation> — confirmada por {acknowledged_by_name}: {action_taken}</translation>
    </message>
    <message>
        <source> — NOT ACKNOWLEDGED</source>
        <translation> — NO RECONOCIDA</translation>
    </message>
    <message>
        <source>⚠ {value} alerts</source>
        <translation>⚠ {value} alertas</translation>
    </message>
    <message>
        <source>, {count} NOT ACKNOWLEDGED</source>
        <translation>, {count} NO RECONOCIDAS</translation>
    </message>
    <message>
        <source>, acknowledged</source>
        <translation>, confirmada</translation>
    </message>
    <message>
        <source> — not acknowledged</source>
        <translation> — no reconocida</translation>
    </message>
</context>
<context>
    <name>monitor_panel</name>
    <message>
        <source> (+{value} older)</source>
        <translation> (+{value} anteriores)</translation>
    </message>
    <message>
        <source>From monitor, not charted: </source>
        <translation>Del monitor, sin registrar: </translation>
    </message>
</context>
<context>
    <name>offline_board</name>
    <message>
        <source>Server unreachable — last snapshot from {local:%H:%M} ({local:%Y-%m-%d}). Timers and countdowns run from it; what was charted on the server since is not shown. Sign in to chart offline (a nurse who signed in on this workstation within 14 days), or chart on paper.</source>
        <translation>Servidor inaccesible — última instantánea de las {local:%H:%M} ({local:%Y-%m-%d}). Los temporizadores y las cuentas atrás parten de ella; no se muestra lo registrado en el servidor desde entonces. Inicie sesión para registrar sin conexión (una enfermera que inició sesión en este puesto en los últimos 14 días) o registre en papel.</translation>
    </message>
</context>
<context>
    <name>offline_charting</name>
    <message>
        <source>Vitals HR {hr} BP {sbp}/{dbp} SpO₂ {spo2} RR {rr}</source>
        <translation>Signos vitales FC {hr} PA {sbp}/{dbp} SpO₂ {spo2} FR {rr}</translation>
    </message>
    <message>
        <source>Note: {text}</source>
        <translation>Nota: {text}</translation>
    </message>
    <message>
        <source>Side effect: {effect} ({severity})</source>
        <translation>Efecto adverso: {effect} ({severity})</translation>
    </message>
    <message>
        <source>{time} {what} — {who}: {queued}</source>
        <translation>{time} {what} — {who}: {queued}</translation>
    </message>
</context>
<context>
    <name>outbox_conflicts</name>
    <message>
        <source>Session {session_id} · {value} · charted {charted_at} by {username}
    {value2}
    refused: {problem}</source>
        <translation>Sesión {session_id} · {value} · registrado {charted_at} por {username}
    {value2}
    rechazado: {problem}</translation>
    </message>
</context>
<context>
    <name>patient</name>
    <message>
        <source>female</source>
        <extracomment>a patient&apos;s recorded sex (``patients.SEXES``), as the window shows it</extracomment>
        <translation>mujer</translation>
    </message>
    <message>
        <source>male</source>
        <translation>hombre</translation>
    </message>
    <message>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Print {title}</source>
        <translation>Imprimir {title}</translation>
    </message>
    <message>
        <source>Not printed: {exc}</source>
        <translation>No impreso: {exc}</translation>
    </message>
    <message>
        <source>Printed {title} ({pages} page{value}).</source>
        <translation>Impreso {title} ({pages} página{value}).</translation>
    </message>
</context>
<context>
    <name>record</name>
    <message>
        <source>Systolic BP</source>
        <translation>PA sistólica</translation>
    </message>
    <message>
        <source>Diastolic BP</source>
        <translation>PA diastólica</translation>
    </message>
    <message>
        <source>Heart rate</source>
        <translation>Frecuencia cardíaca</translation>
    </message>
    <message>
        <source>mmHg  ·  beats/min</source>
        <translation>mmHg  ·  lpm</translation>
    </message>
    <message>
        <source>infusion start</source>
        <translation>inicio de la infusión</translation>
    </message>
    <message>
        <source>infusion stop</source>
        <translation>fin de la infusión</translation>
    </message>
    <message>
        <source>max</source>
        <translation>máx.</translation>
    </message>
    <message>
        <source>min</source>
        <translation>mín.</translation>
    </message>
    <message>
        <source>no infusion</source>
        <translation>sin infusión</translation>
    </message>
    <message>
        <source>bolus {mg} mg</source>
        <translation>bolo {mg} mg</translation>
    </message>
    <message>
        <source>alert threshold</source>
        <translation>umbral de alerta</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Anulación de límite</translation>
    </message>
    <message>
        <source>Ceiling refusal</source>
        <translation>Rechazo por tope</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Lista de verificación</translation>
    </message>
    <message>
        <source>Discharge</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Late entry</source>
        <translation>Registro tardío</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Corrección</translation>
    </message>
    <message>
        <source>Entered in error</source>
        <translation>Introducido por error</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>Missed vitals</source>
        <translation>Signos vitales omitidos</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Deviations</source>
        <translation>Desviaciones</translation>
    </message>
    <message>
        <source>None: no override, ceiling refusal, early discharge, late entry, correction, alert or missed vitals interval.</source>
        <translation>Ninguna: sin anulaciones de límite, rechazos por tope, altas anticipadas, registros tardíos, correcciones, alertas ni intervalos de signos vitales omitidos.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>{count} item(s) for the physician&apos;s review.</source>
        <translation>{count} elemento(s) para revisión médica.</translation>
    </message>
    <message>
        <source>Ketamine infusion session record</source>
        <translation>Registro de sesión de infusión de ketamina</translation>
    </message>
    <message>
        <source>UNSIGNED DRAFT — not signed by a physician (state: {state}). Not valid as the signed record.</source>
        <translation>BORRADOR SIN FIRMAR — no firmado por un médico (estado: {state}). No válido como registro firmado.</translation>
    </message>
    <message>
        <source>Signed record — version {version}, signed {time} by {signer}</source>
        <translation>Registro firmado — versión {version}, firmado el {time} por {signer}</translation>
    </message>
    <message>
        <source>Imported from paper — charted afterwards from the paper record; each entry keeps the time on paper and the time it was typed.</source>
        <translation>Importado de papel — registrado después a partir del registro en papel; cada entrada conserva la hora anotada en papel y la hora en que se introdujo.</translation>
    </message>
    <message>
        <source>Addendum — supersedes version {version}: {reason}</source>
        <translation>Adenda — sustituye a la versión {version}: {reason}</translation>
    </message>
    <message>
        <source>{date} (age {age})</source>
        <translation>{date} ({age} años)</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>ninguna registrada</translation>
    </message>
    <message>
        <source>version {version}</source>
        <translation>versión {version}</translation>
    </message>
    <message>
        <source>Signed (version {version})</source>
        <translation>Firmado (versión {version})</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Session date</source>
        <translation>Fecha de la sesión</translation>
    </message>
    <message>
        <source>MRN</source>
        <translation>N.º de historia</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Sillón</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocolo</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexo</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Indicación</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Alergias</translation>
    </message>
    <message>
        <source>Nurse(s)</source>
        <translation>Enfermería</translation>
    </message>
    <message>
        <source>Dosing weight</source>
        <translation>Peso para la dosis</translation>
    </message>
    <message>
        <source>(measured for this session)</source>
        <translation>(medido para esta sesión)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Llegada</translation>
    </message>
    <message>
        <source>Infusion</source>
        <translation>Infusión</translation>
    </message>
    <message>
        <source>Discharged</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>no iniciada</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>Ketamine infusion session record {record}</source>
        <extracomment>(page index, box in points) of the reserved signature box; None for a draft</extracomment>
        <translation>Registro de sesión de infusión de ketamina {record}</translation>
    </message>
    <message>
        <source>DOB {date}</source>
        <translation>F. nac. {date}</translation>
    </message>
    <message>
        <source>MRN {mrn}</source>
        <translation>N.º hist. {mrn}</translation>
    </message>
    <message>
        <source>UNSIGNED DRAFT</source>
        <translation>BORRADOR SIN FIRMAR</translation>
    </message>
    <message>
        <source>Session record {record} · version {version}</source>
        <translation>Registro de sesión {record} · versión {version}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Página {page} de {pages}</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>leve</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>moderado</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>grave</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>basal</translation>
    </message>
    <message>
        <source>during</source>
        <translation>durante</translation>
    </message>
    <message>
        <source>after</source>
        <translation>después</translation>
    </message>
    <message>
        <source>discharge</source>
        <translation>alta</translation>
    </message>
    <message>
        <source>Pre-infusion check</source>
        <translation>Comprobación previa a la infusión</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translation>(opcional)</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>no registrado</translation>
    </message>
    <message>
        <source>done</source>
        <translation>realizado</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Omitido</translation>
    </message>
    <message>
        <source>Baseline vitals</source>
        <translation>Signos vitales basales</translation>
    </message>
    <message>
        <source>Baseline {scale}</source>
        <translation>{scale} basal</translation>
    </message>
    <message>
        <source>Note at infusion start:</source>
        <translation>Nota al inicio de la infusión:</translation>
    </message>
    <message>
        <source>Pre-infusion checklist and baseline</source>
        <translation>Lista de verificación previa a la infusión y valores basales</translation>
    </message>
    <message>
        <source>Protocol: start {start}, target {target}, maximum {maximum} mg/kg/h; maximum total {total} mg/kg; planned {planned}; bag {bag} mg/mL. Dosing weight {weight} kg{lb}.</source>
        <translation>Protocolo: inicio {start}, objetivo {target}, máximo {maximum} mg/kg/h; total máximo {total} mg/kg; duración prevista {planned}; bolsa {bag} mg/mL. Peso para la dosis {weight} kg{lb}.</translation>
    </message>
    <message>
        <source>Dose summary</source>
        <translation>Resumen de dosis</translation>
    </message>
    <message>
        <source>No ketamine dose recorded.</source>
        <translation>No se registró ninguna dosis de ketamina.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>mg in period</source>
        <translation>mg en el periodo</translation>
    </message>
    <message>
        <source>Bolus</source>
        <translation>Bolo</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>&lt;b&gt;Infusion running time&lt;/b&gt; {running} (pauses excluded). &lt;b&gt;Cumulative dose {mg} mg = {mg_kg} mg/kg&lt;/b&gt; (boluses {bolus} mg, infusion {infused} mg), as of {time}.</source>
        <translation>&lt;b&gt;Tiempo de infusión&lt;/b&gt; {running} (sin contar las pausas). &lt;b&gt;Dosis acumulada {mg} mg = {mg_kg} mg/kg&lt;/b&gt; (bolos {bolus} mg, infusión {infused} mg), a las {time}.</translation>
    </message>
    <message>
        <source>Limit override</source>
        <translation>Anulación de límite</translation>
    </message>
    <message>
        <source>Dose event</source>
        <translation>Acción de dosis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Vital signs</source>
        <translation>Signos vitales</translation>
    </message>
    <message>
        <source>No vital signs recorded.</source>
        <translation>No se registraron signos vitales.</translation>
    </message>
    <message>
        <source>From start</source>
        <translation>Desde inicio</translation>
    </message>
    <message>
        <source>Temp {unit}</source>
        <translation>Temp. {unit}</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>LATE entry</source>
        <translation>Registro TARDÍO</translation>
    </message>
    <message>
        <source>corrects #{id}</source>
        <translation>corrige #{id}</translation>
    </message>
    <message>
        <source>alert: {code}</source>
        <translation>alerta: {code}</translation>
    </message>
    <message>
        <source>temperature in °F, from the stored °C (°F = °C × 9/5 + 32)</source>
        <translation>temperatura en °F, a partir de los °C guardados (°F = °C × 9/5 + 32)</translation>
    </message>
    <message>
        <source>temperature in °C</source>
        <translation>temperatura en °C</translation>
    </message>
    <message>
        <source>{hr} and {rr} per minute; {bp} and {map} in mmHg; {spo2} in %; {temp}. {map} = (systolic + 2 × diastolic) / 3.</source>
        <translation>{hr} y {rr} por minuto; {bp} y {map} en mmHg; {spo2} en %; {temp}. {map} = (sistólica + 2 × diastólica) / 3.</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>No alerts recorded.</source>
        <translation>No se registraron alertas.</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Activada</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Confirmada</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>Medida tomada</translation>
    </message>
    <message>
        <source>NOT ACKNOWLEDGED</source>
        <translation>NO CONFIRMADA</translation>
    </message>
    <message>
        <source>Onset</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Side effect</source>
        <translation>Efecto adverso</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Rescue medication</source>
        <translation>Medicación de rescate</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <source>Charted by</source>
        <translation>Registrado por</translation>
    </message>
    <message>
        <source>{medication} at {time}</source>
        <translation>{medication} a las {time}</translation>
    </message>
    <message>
        <source>resolved {time} (after {duration})</source>
        <translation>resuelto a las {time} (tras {duration})</translation>
    </message>
    <message>
        <source>not resolved</source>
        <translation>no resuelto</translation>
    </message>
    <message>
        <source>Side effects</source>
        <translation>Efectos adversos</translation>
    </message>
    <message>
        <source>No side effects recorded.</source>
        <translation>No se registraron efectos adversos.</translation>
    </message>
    <message>
        <source>Medication</source>
        <translation>Medicación</translation>
    </message>
    <message>
        <source>Other medications</source>
        <translation>Otra medicación</translation>
    </message>
    <message>
        <source>Assessments</source>
        <translation>Valoraciones</translation>
    </message>
    <message>
        <source>No assessments recorded.</source>
        <translation>No se registraron valoraciones.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{scale} before {before} → after {after}&lt;/b&gt; (change {change}).</source>
        <translation>&lt;b&gt;{scale} antes {before} → después {after}&lt;/b&gt; (cambio {change}).</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Escala</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Fase</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>Items / note</source>
        <translation>Ítems / nota</translation>
    </message>
    <message>
        <source>Assessments (pain, sedation, dissociation, recovery)</source>
        <translation>Valoraciones (dolor, sedación, disociación, recuperación)</translation>
    </message>
    <message>
        <source>NOT MET:</source>
        <translation>NO CUMPLIDO:</translation>
    </message>
    <message>
        <source>{duration} after the stop (protocol minimum {minimum} min)</source>
        <translation>{duration} tras el fin de la infusión (mínimo del protocolo {minimum} min)</translation>
    </message>
    <message>
        <source>{duration} after the stop (protocol minimum {minimum} min: NOT REACHED)</source>
        <translation>{duration} tras el fin de la infusión (mínimo del protocolo {minimum} min: NO ALCANZADO)</translation>
    </message>
    <message>
        <source>Written instructions given</source>
        <translation>Instrucciones escritas entregadas</translation>
    </message>
    <message>
        <source>Written instructions NOT given</source>
        <translation>Instrucciones escritas NO entregadas</translation>
    </message>
    <message>
        <source>{time} by {user}</source>
        <translation>{time} por {user}</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Vigilancia</translation>
    </message>
    <message>
        <source>Released to</source>
        <translation>Acompañante</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>Criterios</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>Instrucciones</translation>
    </message>
    <message>
        <source>Authorised</source>
        <translation>Autorizado</translation>
    </message>
    <message>
        <source>by {user}: {reason}</source>
        <translation>por {user}: {reason}</translation>
    </message>
    <message>
        <source>Session ended before the infusion</source>
        <translation>Sesión finalizada antes de la infusión</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stopped early&lt;/b&gt; at {time}: {reason}</source>
        <translation>&lt;b&gt;Detenida antes de tiempo&lt;/b&gt; a las {time}: {reason}</translation>
    </message>
    <message>
        <source>Not discharged yet.</source>
        <translation>Aún sin alta.</translation>
    </message>
    <message>
        <source>No notes recorded.</source>
        <translation>No se registraron notas.</translation>
    </message>
    <message>
        <source>&lt;b&gt;LATE ENTRY&lt;/b&gt; — recorded {time}</source>
        <extracomment>Size of the box reserved for the visible digital-signature widget (points).</extracomment>
        <translation>&lt;b&gt;REGISTRO TARDÍO&lt;/b&gt; — introducido a las {time}</translation>
    </message>
    <message>
        <source>correction of #{id}</source>
        <translation>corrección de #{id}</translation>
    </message>
    <message>
        <source>&lt;b&gt;addendum&lt;/b&gt; (version {version})</source>
        <translation>&lt;b&gt;adenda&lt;/b&gt; (versión {version})</translation>
    </message>
    <message>
        <source>; replaced by #{id}</source>
        <translation>; sustituido por #{id}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Corrected&lt;/b&gt; by {user} at {time}: {reason}</source>
        <translation>&lt;b&gt;Corregido&lt;/b&gt; por {user} a las {time}: {reason}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Entered in error&lt;/b&gt; — marked by {user} at {time}: {reason}</source>
        <translation>&lt;b&gt;Introducido por error&lt;/b&gt; — marcado por {user} a las {time}: {reason}</translation>
    </message>
    <message>
        <source>Side effect resolved: {effect}</source>
        <translation>Efecto adverso resuelto: {effect}</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>alerta</translation>
    </message>
    <message>
        <source>&lt;b&gt;ALERT&lt;/b&gt;: {message}</source>
        <translation>&lt;b&gt;ALERTA&lt;/b&gt;: {message}</translation>
    </message>
    <message>
        <source>Alert acknowledged ({message}): {action}</source>
        <translation>Alerta confirmada ({message}): {action}</translation>
    </message>
    <message>
        <source>Session stopped before the infusion: {reason}</source>
        <translation>Sesión detenida antes de la infusión: {reason}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Signed version {version}&lt;/b&gt;: {meaning}</source>
        <translation>&lt;b&gt;Versión {version} firmada&lt;/b&gt;: {meaning}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Addendum opened&lt;/b&gt; (version {version}, supersedes version {supersedes}): {reason}</source>
        <translation>&lt;b&gt;Adenda abierta&lt;/b&gt; (versión {version}, sustituye a la versión {supersedes}): {reason}</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Cronología</translation>
    </message>
    <message>
        <source>No entries.</source>
        <translation>Sin entradas.</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Every entry in charted-time order. Struck-through entries were corrected or entered in error; they stay in the record with the reason.</source>
        <translation>Todas las entradas por orden de hora registrada. Las entradas tachadas se corrigieron o se introdujeron por error; permanecen en el registro con el motivo.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Firmado</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Firmante</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Significado</translation>
    </message>
    <message>
        <source>SHA-256 of the file</source>
        <translation>SHA-256 del archivo</translation>
    </message>
    <message>
        <source>(addendum: {reason})</source>
        <translation>(adenda: {reason})</translation>
    </message>
    <message>
        <source>Earlier signed versions stay stored unchanged and can be exported and verified on their own.</source>
        <translation>Las versiones firmadas anteriores se conservan sin cambios y pueden exportarse y verificarse por separado.</translation>
    </message>
    <message>
        <source>Earlier signed versions of this record</source>
        <translation>Versiones firmadas anteriores de este registro</translation>
    </message>
    <message>
        <source>Physician signature</source>
        <translation>Firma del médico</translation>
    </message>
    <message>
        <source>&lt;b&gt;UNSIGNED DRAFT.&lt;/b&gt; This record has not been signed by a physician. It was exported for review and is not valid as the signed record.</source>
        <translation>&lt;b&gt;BORRADOR SIN FIRMAR.&lt;/b&gt; Este registro no ha sido firmado por un médico. Se exportó para revisión y no es válido como registro firmado.</translation>
    </message>
    <message>
        <source>{record}, version {version}</source>
        <translation>{record}, versión {version}</translation>
    </message>
    <message>
        <source>addendum superseding version {version}</source>
        <translation>adenda que sustituye a la versión {version}</translation>
    </message>
    <message>
        <source>username &lt;b&gt;{username}&lt;/b&gt;</source>
        <translation>usuario &lt;b&gt;{username}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Firmado por</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Fecha y hora</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Audit chain head</source>
        <translation>Cabeza de la cadena de auditoría</translation>
    </message>
    <message>
        <source>entry {seq}</source>
        <translation>entrada {seq}</translation>
    </message>
    <message>
        <source>, authority unlocked by {user}</source>
        <translation>, autoridad desbloqueada por {user}</translation>
    </message>
    <message>
        <source>serial {serial}, issued{when}{by}</source>
        <translation>n.º de serie {serial}, emitido{when}{by}</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificado</translation>
    </message>
    <message>
        <source>Electronically signed with the signer&apos;s personal key (PAdES certification signature). The signature covers this whole file; any change to it invalidates the signature. Verify with &lt;b&gt;chairlog verify&lt;/b&gt; or a PDF reader that trusts the clinic&apos;s signing authority.</source>
        <translation>Firmado electrónicamente con la clave personal del firmante (firma de certificación PAdES). La firma abarca todo este archivo; cualquier cambio en él invalida la firma. Verifíquelo con &lt;b&gt;chairlog verify&lt;/b&gt; o con un lector de PDF que confíe en la autoridad de firma de la clínica.</translation>
    </message>
    <message>
        <source>digital signature</source>
        <translation>firma digital</translation>
    </message>
    <message>
        <source>[user {username}]</source>
        <extracomment>user id → printed name (with credentials), for names the session view holds as ids every addendum opened on this session, oldest first what departs from the protocol or from charting at the time, for the physician&apos;s eye who signed, beyond the printed name (issue 14, points 3 and 4)</extracomment>
        <translation>[usuario {username}]</translation>
    </message>
    <message>
        <source>Digitally signed by {signer}</source>
        <translation>Firmado digitalmente por {signer}</translation>
    </message>
    <message>
        <source>rhythm: {rhythm}</source>
        <translation>ritmo: {rhythm}</translation>
    </message>
    <message>
        <source>Baseline vitals: {values}</source>
        <translation>Signos vitales basales: {values}</translation>
    </message>
    <message>
        <source>Vitals: {values}</source>
        <translation>Signos vitales: {values}</translation>
    </message>
    <message>
        <source>{line} — source: {source}</source>
        <translation>{line} — origen: {source}</translation>
    </message>
    <message>
        <source>{label} at {rate} mg/kg/h ({mg_h} mg/h, {ml_h} mL/h)</source>
        <translation>{label} a {rate} mg/kg/h ({mg_h} mg/h, {ml_h} mL/h)</translation>
    </message>
    <message>
        <source>{line} — limit override: {reason}</source>
        <translation>{line} — anulación de límite: {reason}</translation>
    </message>
    <message>
        <source>{name} ({severity}); action: {action}</source>
        <translation>{name} ({severity}); acción: {action}</translation>
    </message>
    <message>
        <source>{line} — resolved</source>
        <translation>{line} — resuelto</translation>
    </message>
    <message>
        <source>Skipped: {label} — {reason}</source>
        <translation>Omitido: {label} — {reason}</translation>
    </message>
    <message>
        <source>Note: {text}</source>
        <translation>Nota: {text}</translation>
    </message>
    <message>
        <source>Discharged to {escort}</source>
        <translation>Alta con acompañante: {escort}</translation>
    </message>
    <message>
        <source>{line}; written instructions given</source>
        <translation>{line}; instrucciones escritas entregadas</translation>
    </message>
</context>
<context>
    <name>recovery</name>
    <message>
        <source>at an unknown time</source>
        <translation>en un momento desconocido</translation>
    </message>
    <message>
        <source>{date} {year} at {time} ({zone})</source>
        <translation>{date} {year} a las {time} ({zone})</translation>
    </message>
    <message>
        <source>chairlog — {title}</source>
        <translation>chairlog — {title}</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>Error al restaurar</translation>
    </message>
    <message>
        <source>{err}

Nothing was changed.</source>
        <translation>{err}

No se cambió nada.</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Copia de seguridad restaurada</translation>
    </message>
    <message>
        <source>Restored {name}.
Kept aside: {aside} (in {parent}).</source>
        <translation>Restaurado {name}.
Guardado aparte: {aside} (en {parent}).</translation>
    </message>
</context>
<context>
    <name>series</name>
    <message>
        <source>pain NRS</source>
        <translation>dolor EVN</translation>
    </message>
    <message>
        <source>No sessions</source>
        <translation>Sin sesiones</translation>
    </message>
    <message>
        <source>session</source>
        <translation>sesión</translation>
    </message>
    <message>
        <source>pain before</source>
        <translation>dolor antes</translation>
    </message>
    <message>
        <source>pain after</source>
        <translation>dolor después</translation>
    </message>
    <message>
        <source>ketamine mg</source>
        <translation>ketamina mg</translation>
    </message>
    <message>
        <source>Treatment series — {name}</source>
        <translation>Serie de tratamiento — {name}</translation>
    </message>
    <message>
        <source>born {date}</source>
        <translation>nacido/a el {date}</translation>
    </message>
    <message>
        <source>Ketamine infusion series — {name}</source>
        <translation>Serie de infusiones de ketamina — {name}</translation>
    </message>
    <message>
        <source>MRN {mrn}</source>
        <translation>N.º hist. {mrn}</translation>
    </message>
    <message>
        <source>Report of {time} · {count} sessions · ketamine in the series {mg} mg</source>
        <translation>Informe del {time} · {count} sesiones · ketamina en la serie {mg} mg</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocolo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Pain NRS</source>
        <translation>Dolor EVN</translation>
    </message>
    <message>
        <source>Ketamine</source>
        <translation>Ketamina</translation>
    </message>
    <message>
        <source>Side effects</source>
        <translation>Efectos adversos</translation>
    </message>
    <message>
        <source>before → after</source>
        <translation>antes → después</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Side effects in the series</source>
        <translation>Efectos adversos en la serie</translation>
    </message>
    <message>
        <source>Pain: NRS 0–10, before = baseline score at check-in, after = last score after the infusion. Ketamine: boluses plus the infused amount (rate × time) of each session. The signed session records remain the authoritative documents.</source>
        <translation>Dolor: EVN 0–10, antes = puntuación basal a la llegada, después = última puntuación tras la infusión. Ketamina: bolos más la cantidad infundida (velocidad × tiempo) de cada sesión. Los registros de sesión firmados siguen siendo los documentos de referencia.</translation>
    </message>
</context>
<context>
    <name>tile</name>
    <message>
        <source>in the chair</source>
        <translation>en el sillón</translation>
    </message>
    <message>
        <source>Checklist {done}/{total} done</source>
        <translation>Lista de verificación {done}/{total} hecha</translation>
    </message>
    <message>
        <source>Planned start {value} mg/kg/h</source>
        <translation>Inicio previsto {value} mg/kg/h</translation>
    </message>
    <message>
        <source>Max total {value} mg/kg · weight {weight}</source>
        <translation>Total máx. {value} mg/kg · peso {weight}</translation>
    </message>
    <message>
        <source>Baseline vitals recorded</source>
        <translation>Signos vitales basales registrados</translation>
    </message>
    <message>
        <source>Baseline vitals needed</source>
        <translation>Faltan signos vitales basales</translation>
    </message>
    <message>
        <source>Ready for discharge</source>
        <translation>Listo para el alta</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Vigilancia</translation>
    </message>
    <message>
        <source>since infusion stop</source>
        <translation>desde el fin de la infusión</translation>
    </message>
    <message>
        <source>Minimum {minimum} reached</source>
        <translation>Mínimo {minimum} alcanzado</translation>
    </message>
    <message>
        <source>Min {minimum} · {value} to go</source>
        <translation>Mín. {minimum} · faltan {value}</translation>
    </message>
    <message>
        <source>Infusion stopped</source>
        <translation>Infusión detenida</translation>
    </message>
    <message>
        <source>since infusion start</source>
        <translation>desde el inicio de la infusión</translation>
    </message>
    <message>
        <source>Planned {planned} · {value} left</source>
        <translation>Previsto {planned} · quedan {value}</translation>
    </message>
    <message>
        <source>Planned {planned} reached</source>
        <translation>Previsto {planned} alcanzado</translation>
    </message>
    <message>
        <source>PAUSED for</source>
        <translation>EN PAUSA desde hace</translation>
    </message>
    <message>
        <source>Infusion ran {value} · {value2} left when resumed</source>
        <translation>La infusión duró {value} · quedarán {value2} al reanudar</translation>
    </message>
    <message>
        <source>PAUSED · 0 mL/h</source>
        <translation>EN PAUSA · 0 mL/h</translation>
    </message>
    <message>
        <source>{value} mg · {value2} mg/kg (max {value3})</source>
        <translation>{value} mg · {value2} mg/kg (máx. {value3})</translation>
    </message>
    <message>
        <source>VITALS OVERDUE by {value}</source>
        <translation>SIGNOS VITALES ATRASADOS {value}</translation>
    </message>
    <message>
        <source>VITALS DUE in {value}</source>
        <translation>SIGNOS VITALES en {value}</translation>
    </message>
    <message>
        <source>Next vitals in {value}</source>
        <translation>Próximos signos vitales en {value}</translation>
    </message>
    <message>
        <source>HR {hr}   BP {sbp}/{dbp}   SpO₂ {spo2} %   RR {rr}</source>
        <translation>FC {hr}   PA {sbp}/{dbp}   SpO₂ {spo2} %   FR {rr}</translation>
    </message>
    <message>
        <source>Vitals overdue by {value}</source>
        <translation>Signos vitales atrasados {value}</translation>
    </message>
    <message>
        <source>Dose limit near: {value} of max {value2} mg/kg</source>
        <translation>Límite de dosis cerca: {value} de un máx. de {value2} mg/kg</translation>
    </message>
</context>
<context>
    <name>timer_panel</name>
    <message>
        <source>Not started — pre-infusion</source>
        <translation>No iniciada — previa a la infusión</translation>
    </message>
    <message>
        <source>since check-in at {value} · planned {planned}</source>
        <translation>desde la llegada a las {value} · previsto {planned}</translation>
    </message>
    <message>
        <source>Infusion running</source>
        <translation>Infusión en curso</translation>
    </message>
    <message>
        <source>planned {planned} · {value} remaining</source>
        <translation>previsto {planned} · quedan {value}</translation>
    </message>
    <message>
        <source>Infusion running — past planned end</source>
        <translation>Infusión en curso — pasado el final previsto</translation>
    </message>
    <message>
        <source>planned {planned} · ended {value} ago</source>
        <translation>previsto {planned} · terminó hace {value}</translation>
    </message>
    <message>
        <source>Infusion PAUSED for</source>
        <translation>Infusión EN PAUSA desde hace</translation>
    </message>
    <message>
        <source>since {value} · ran {value2} · {left} left when resumed</source>
        <translation>desde {value} · duró {value2} · quedarán {left} al reanudar</translation>
    </message>
    <message>
        <source>minimum {minimum} · {value} to go</source>
        <translation>mínimo {minimum} · faltan {value}</translation>
    </message>
    <message>
        <source>✓ minimum {minimum} reached</source>
        <translation>✓ mínimo {minimum} alcanzado</translation>
    </message>
    <message>
        <source>Post-infusion monitoring</source>
        <translation>Vigilancia postinfusión</translation>
    </message>
    <message>
        <source>{sub} · infusion ran {value}</source>
        <translation>{sub} · la infusión duró {value}</translation>
    </message>
    <message>
        <source>Stopped before infusion</source>
        <translation>Detenida antes de la infusión</translation>
    </message>
    <message>
        <source>infusion ran {value}</source>
        <translation>la infusión duró {value}</translation>
    </message>
    <message>
        <source>Cumulative dose</source>
        <translation>Dosis acumulada</translation>
    </message>
    <message>
        <source>{value} mg/kg of max {value2} mg/kg</source>
        <translation>{value} mg/kg de un máx. de {value2} mg/kg</translation>
    </message>
    <message>
        <source>Current rate</source>
        <translation>Velocidad actual</translation>
    </message>
    <message>
        <source>infusion paused</source>
        <translation>infusión en pausa</translation>
    </message>
    <message>
        <source>infusion not running</source>
        <translation>sin infusión en curso</translation>
    </message>
    <message>
        <source>last set {value}</source>
        <translation>última serie {value}</translation>
    </message>
    <message>
        <source>no vitals yet</source>
        <translation>sin signos vitales todavía</translation>
    </message>
    <message>
        <source>Baseline vitals</source>
        <translation>Signos vitales basales</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>needed</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>Vitals</source>
        <translation>Signos vitales</translation>
    </message>
    <message>
        <source>due {value} · every {value2} min · {last_text}</source>
        <translation>toca a las {value} · cada {value2} min · {last_text}</translation>
    </message>
    <message>
        <source>Vitals OVERDUE</source>
        <translation>Signos vitales ATRASADOS</translation>
    </message>
    <message>
        <source>Vitals due soon</source>
        <translation>Signos vitales pronto</translation>
    </message>
    <message>
        <source>Next vitals in</source>
        <translation>Próximos signos vitales en</translation>
    </message>
</context>
<context>
    <name>vitals</name>
    <message>
        <source>HR</source>
        <translation>FC</translation>
    </message>
    <message>
        <source>BP</source>
        <translation>PA</translation>
    </message>
    <message>
        <source>SBP</source>
        <translation>PAS</translation>
    </message>
    <message>
        <source>DBP</source>
        <translation>PAD</translation>
    </message>
    <message>
        <source>MAP</source>
        <translation>PAM</translation>
    </message>
    <message>
        <source>SpO2</source>
        <translation>SpO₂</translation>
    </message>
    <message>
        <source>RR</source>
        <translation>FR</translation>
    </message>
    <message>
        <source>EtCO2</source>
        <translation>EtCO₂</translation>
    </message>
    <message>
        <source>Temp</source>
        <translation>Temp.</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>{minutes} min ago</source>
        <translation>hace {minutes} min</translation>
    </message>
    <message>
        <source>{value} h {value2:02d} min ago</source>
        <translation>hace {value} h {value2:02d} min</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Sillón</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Start rate</source>
        <extracomment>(field, label, unit, low, high, decimals)</extracomment>
        <translation>Velocidad inicial</translation>
    </message>
    <message>
        <source>Target rate</source>
        <translation>Velocidad objetivo</translation>
    </message>
    <message>
        <source>Maximum rate</source>
        <translation>Velocidad máxima</translation>
    </message>
    <message>
        <source>Maximum total dose</source>
        <translation>Dosis total máxima</translation>
    </message>
    <message>
        <source>Bag concentration</source>
        <translation>Concentración de la bolsa</translation>
    </message>
    <message>
        <source>Planned infusion</source>
        <translation>Infusión prevista</translation>
    </message>
    <message>
        <source>Vitals every (during)</source>
        <translation>Signos vitales cada (durante)</translation>
    </message>
    <message>
        <source>Vitals every (after)</source>
        <translation>Signos vitales cada (después)</translation>
    </message>
    <message>
        <source>Minimum monitoring after</source>
        <translation>Vigilancia mínima después</translation>
    </message>
    <message>
        <source>Warn “vitals due soon” this early</source>
        <translation>Aviso «signos vitales pronto» con esta antelación</translation>
    </message>
    <message>
        <source>Warn “dose limit near” at (of maximum total)</source>
        <translation>Aviso «dosis cerca del límite» al (del total máximo)</translation>
    </message>
    <message>
        <source>Bolus limit</source>
        <translation>Límite del bolo</translation>
    </message>
    <message>
        <source>Fixed dose</source>
        <translation>Dosis fija</translation>
    </message>
    <message>
        <source>Fixed dose given over</source>
        <translation>Dosis fija administrada en</translation>
    </message>
    <message>
        <source>Hard ceiling, rate (off: 2 × maximum)</source>
        <translation>Tope absoluto, velocidad (desactivado: 2 × máximo)</translation>
    </message>
    <message>
        <source>Hard ceiling, bolus (off: 2 × limit)</source>
        <translation>Tope absoluto, bolo (desactivado: 2 × límite)</translation>
    </message>
    <message>
        <source>Hard ceiling, total (off: 2 × maximum)</source>
        <translation>Tope absoluto, total (desactivado: 2 × máximo)</translation>
    </message>
    <message>
        <source>Systolic above</source>
        <extracomment>(field, label, unit)</extracomment>
        <translation>Sistólica por encima de</translation>
    </message>
    <message>
        <source>Diastolic above</source>
        <translation>Diastólica por encima de</translation>
    </message>
    <message>
        <source>Systolic rise over baseline ≥</source>
        <translation>Aumento de la sistólica sobre la basal ≥</translation>
    </message>
    <message>
        <source>Diastolic rise over baseline ≥</source>
        <translation>Aumento de la diastólica sobre la basal ≥</translation>
    </message>
    <message>
        <source>Before dosing: systolic above</source>
        <translation>Antes de dosificar: sistólica por encima de</translation>
    </message>
    <message>
        <source>Before dosing: diastolic above</source>
        <translation>Antes de dosificar: diastólica por encima de</translation>
    </message>
    <message>
        <source>Heart rate above</source>
        <translation>Frecuencia cardíaca por encima de</translation>
    </message>
    <message>
        <source>Heart rate below</source>
        <translation>Frecuencia cardíaca por debajo de</translation>
    </message>
    <message>
        <source>SpO₂ below</source>
        <translation>SpO₂ por debajo de</translation>
    </message>
    <message>
        <source>Respiratory rate above</source>
        <translation>Frecuencia respiratoria por encima de</translation>
    </message>
    <message>
        <source>Respiratory rate below</source>
        <translation>Frecuencia respiratoria por debajo de</translation>
    </message>
    <message>
        <source>MOAA/S below</source>
        <translation>MOAA/S por debajo de</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocolo</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Max rate</source>
        <translation>Velocidad máx.</translation>
    </message>
    <message>
        <source>Max total</source>
        <translation>Total máx.</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Vitals every</source>
        <translation>Signos vitales cada</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>Enfermera/o</translation>
    </message>
    <message>
        <source>Physician</source>
        <translation>Médico</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Titulación</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>chairlog hit an unexpected error.

Everything saved before it is kept: each save is stored the moment it is acknowledged.

What to do:
1. Check that the last entry you made appears on the timeline; chart it again if not.
2. If chairlog keeps misbehaving, quit and open it again.
3. Tell whoever looks after this computer what you were doing, and give them the log file:
{log}</source>
        <translation>chairlog ha tenido un error inesperado.

Todo lo guardado antes se conserva: cada guardado se almacena en el momento en que se confirma.

Qué hacer:
1. Compruebe que la última entrada que hizo aparece en la cronología; regístrela de nuevo si no.
2. Si chairlog sigue fallando, salga y vuelva a abrirlo.
3. Cuente a la persona que mantiene este equipo lo que estaba haciendo y entréguele el archivo de registro:
{log}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <source>Pain before</source>
        <translation>Dolor antes</translation>
    </message>
    <message>
        <source>Pain after</source>
        <translation>Dolor después</translation>
    </message>
    <message>
        <source>The clinic database server is not answering: this was NOT saved. What you typed is kept — save again when the server is back.</source>
        <extracomment>how long a caller may wait on the UI thread for a fast result (see ``wait_briefly``)</extracomment>
        <translation>El servidor de la base de datos de la clínica no responde: esto NO se ha guardado. Lo que escribió se conserva — vuelva a guardar cuando vuelva el servidor.</translation>
    </message>
    <message>
        <source>Ketamine mg</source>
        <translation>Ketamina mg</translation>
    </message>
    <message>
        <source>Side effects</source>
        <translation>Efectos adversos</translation>
    </message>
    <message>
        <source>Changed on another workstation — reloaded. What you typed is kept: check it against the new entries and save again.</source>
        <translation>Cambiado en otro puesto — recargado. Lo que escribió se conserva: compárelo con las nuevas entradas y vuelva a guardar.</translation>
    </message>
    <message>
        <source>Responds readily to name in normal tone</source>
        <translation>Responde enseguida a su nombre en tono normal</translation>
    </message>
    <message>
        <source>Lethargic response to name</source>
        <translation>Respuesta aletargada a su nombre</translation>
    </message>
    <message>
        <source>Responds only to loud or repeated name</source>
        <translation>Responde solo a su nombre en voz alta o repetido</translation>
    </message>
    <message>
        <source>Responds only to mild shaking</source>
        <translation>Responde solo a una sacudida suave</translation>
    </message>
    <message>
        <source>Responds only to a painful squeeze</source>
        <translation>Responde solo a un pellizco doloroso</translation>
    </message>
    <message>
        <source>No response</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>Combative</source>
        <translation>Combativo</translation>
    </message>
    <message>
        <source>Very agitated</source>
        <translation>Muy agitado</translation>
    </message>
    <message>
        <source>Agitated</source>
        <translation>Agitado</translation>
    </message>
    <message>
        <source>Restless</source>
        <translation>Inquieto</translation>
    </message>
    <message>
        <source>Alert and calm</source>
        <translation>Alerta y tranquilo</translation>
    </message>
    <message>
        <source>Drowsy</source>
        <translation>Somnoliento</translation>
    </message>
    <message>
        <source>Light sedation</source>
        <translation>Sedación leve</translation>
    </message>
    <message>
        <source>Moderate sedation</source>
        <translation>Sedación moderada</translation>
    </message>
    <message>
        <source>Deep sedation</source>
        <translation>Sedación profunda</translation>
    </message>
    <message>
        <source>Unarousable</source>
        <translation>No despertable</translation>
    </message>
    <message>
        <source>Typing error</source>
        <translation>Error al escribir</translation>
    </message>
    <message>
        <source>Value misread</source>
        <translation>Valor mal leído</translation>
    </message>
    <message>
        <source>Wrong time charted</source>
        <translation>Hora registrada incorrecta</translation>
    </message>
    <message>
        <source>Wrong unit entered</source>
        <translation>Unidad introducida incorrecta</translation>
    </message>
    <message>
        <source>Infusion paused</source>
        <translation>Infusión en pausa</translation>
    </message>
    <message>
        <source>Physician notified</source>
        <translation>Médico avisado</translation>
    </message>
    <message>
        <source>Rechecked — repeat in 5 min</source>
        <translation>Reevaluado — repetir en 5 min</translation>
    </message>
    <message>
        <source>Patient reassured</source>
        <translation>Paciente tranquilizado</translation>
    </message>
    <message>
        <source>Expected at this stage; monitoring</source>
        <translation>Esperable en esta fase; en vigilancia</translation>
    </message>
    <message>
        <source>Nausea / vomiting</source>
        <translation>Náuseas / vómitos</translation>
    </message>
    <message>
        <source>Blood pressure high</source>
        <translation>Presión arterial alta</translation>
    </message>
    <message>
        <source>Dissociation / distress</source>
        <translation>Disociación / angustia</translation>
    </message>
    <message>
        <source>Over-sedated</source>
        <translation>Sedación excesiva</translation>
    </message>
    <message>
        <source>Patient request</source>
        <translation>Petición del paciente</translation>
    </message>
    <message>
        <source>Bathroom break</source>
        <translation>Ir al baño</translation>
    </message>
    <message>
        <source>IV site problem</source>
        <translation>Problema en la vía IV</translation>
    </message>
    <message>
        <source>Planned dose complete</source>
        <translation>Dosis prevista completada</translation>
    </message>
    <message>
        <source>Physician order</source>
        <translation>Orden médica</translation>
    </message>
    <message>
        <source>IV site lost</source>
        <translation>Vía IV perdida</translation>
    </message>
    <message>
        <source>F2 vitals · ⇧F2 monitor set · F3 side effect · F4 assessments · F6 note · F7 discharge · F8 rate · F9 pause/resume · F11 alerts · F12 timeline · Alt+K checklist</source>
        <translation>F2 signos vitales · ⇧F2 serie del monitor · F3 efecto adverso · F4 valoraciones · F6 nota · F7 alta · F8 velocidad · F9 pausar/reanudar · F11 alertas · F12 cronología · Alt+K lista de verificación</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Moves 4 limbs</source>
        <translation>Mueve las 4 extremidades</translation>
    </message>
    <message>
        <source>Moves 2 limbs</source>
        <translation>Mueve 2 extremidades</translation>
    </message>
    <message>
        <source>Moves no limbs</source>
        <translation>No mueve ninguna extremidad</translation>
    </message>
    <message>
        <source>Breathes deeply, coughs</source>
        <translation>Respira profundamente, tose</translation>
    </message>
    <message>
        <source>Short of breath / shallow</source>
        <translation>Disnea / respiración superficial</translation>
    </message>
    <message>
        <source>Apnoeic</source>
        <translation>Apnea</translation>
    </message>
    <message>
        <source>BP within 20 % of pre-dose</source>
        <translation>PA dentro del 20 % de la previa a la dosis</translation>
    </message>
    <message>
        <source>BP 20–49 % off</source>
        <translation>PA desviada un 20–49 %</translation>
    </message>
    <message>
        <source>BP ≥ 50 % off</source>
        <translation>PA desviada ≥ 50 %</translation>
    </message>
    <message>
        <source>Fully awake</source>
        <translation>Totalmente despierto</translation>
    </message>
    <message>
        <source>Arousable on calling</source>
        <translation>Despierta al llamarle</translation>
    </message>
    <message>
        <source>Not responding</source>
        <translation>No responde</translation>
    </message>
    <message>
        <source>SpO2 &gt; 92 % on room air</source>
        <translation>SpO2 &gt; 92 % con aire ambiente</translation>
    </message>
    <message>
        <source>Needs O2 to keep &gt; 90 %</source>
        <translation>Necesita O2 para mantener &gt; 90 %</translation>
    </message>
    <message>
        <source>SpO2 &lt; 90 % with O2</source>
        <translation>SpO2 &lt; 90 % con O2</translation>
    </message>
    <message>
        <source>Not at all</source>
        <translation>Nada en absoluto</translation>
    </message>
    <message>
        <source>Slightly</source>
        <translation>Ligeramente</translation>
    </message>
    <message>
        <source>Moderately</source>
        <translation>Moderadamente</translation>
    </message>
    <message>
        <source>Considerably</source>
        <translation>Considerablemente</translation>
    </message>
    <message>
        <source>Extremely</source>
        <translation>Extremadamente</translation>
    </message>
    <message>
        <source>Wrong patient / chair</source>
        <translation>Paciente / sillón equivocado</translation>
    </message>
    <message>
        <source>Duplicate entry</source>
        <translation>Entrada duplicada</translation>
    </message>
    <message>
        <source>Charted by mistake</source>
        <translation>Registrado por error</translation>
    </message>
    <message>
        <source>Heart rate</source>
        <extracomment>(field, label, unit, decimals) in Tab order; the first five are required what a screen reader says for each field</extracomment>
        <translation>Frecuencia cardíaca</translation>
    </message>
    <message>
        <source>Systolic blood pressure</source>
        <translation>Presión arterial sistólica</translation>
    </message>
    <message>
        <source>Diastolic blood pressure</source>
        <translation>Presión arterial diastólica</translation>
    </message>
    <message>
        <source>Oxygen saturation</source>
        <translation>Saturación de oxígeno</translation>
    </message>
    <message>
        <source>Respiratory rate</source>
        <translation>Frecuencia respiratoria</translation>
    </message>
    <message>
        <source>End-tidal CO2</source>
        <translation>CO2 al final de la espiración</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <source>Entry missing — please chart it</source>
        <translation>Falta una entrada — regístrela, por favor</translation>
    </message>
    <message>
        <source>Value looks wrong — please check</source>
        <translation>Un valor parece incorrecto — compruébelo, por favor</translation>
    </message>
    <message>
        <source>Discharge details incomplete</source>
        <translation>Datos del alta incompletos</translation>
    </message>
    <message>
        <source>Correction needs a clearer reason</source>
        <translation>La corrección necesita un motivo más claro</translation>
    </message>
    <message>
        <source>Rechecked: back in range</source>
        <extracomment>the quick answers to &quot;what was done?&quot; for an alert: one list, offered by both acknowledgement dialogs (one alert from the board or the page&apos;s alert list: ``AlertAckDialog``; the alerts a save has just raised: ``session.dialogs.AcknowledgeDialog``); each fills the answer, which the nurse can edit</extracomment>
        <translation>Reevaluado: de nuevo en rango</translation>
    </message>
    <message>
        <source>Infusion rate reduced</source>
        <translation>Velocidad de infusión reducida</translation>
    </message>
    <message>
        <source>Rescue medication given</source>
        <translation>Medicación de rescate administrada</translation>
    </message>
</context>
</TS>
