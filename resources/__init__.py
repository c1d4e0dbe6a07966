"""chairlog's shipped resources (style sheet, fonts and their licence, protocol templates, the
chime, the icon, the desktop entry). This folder is installed as the package
``chairlog.resources``; read it through ``chairlog.paths``."""
