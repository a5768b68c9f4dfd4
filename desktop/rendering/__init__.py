"""Drawing documents with Qt's GUI classes (no widgets): the PDF report. Used by the window and by
the command line (which starts a ``QGuiApplication`` for it), never by ``desktop.core``."""
