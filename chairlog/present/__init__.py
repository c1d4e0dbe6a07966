"""What a person reads: the figures shown for a session and how numbers are written.

Qt-free; used by the window, the command line and the PDF alike, so one figure reads the same
everywhere."""
