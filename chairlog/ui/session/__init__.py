"""The session view: the screen a nurse lives in while a patient is in the chair.

One ``SessionPage`` per open session (the main window shows it as a tab). Every panel reads the
cached ``SessionView`` and writes only through the services, via ``SessionPage.submit`` which
adds the signed-in user and the optimistic-lock version and turns service errors into inline
messages. Import the page from ``chairlog.ui.session.page``.
"""
