<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
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
</TS>
