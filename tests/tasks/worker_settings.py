"""Settings of the ``db_worker`` subprocess the worker tests start: the test settings with the database queue,
e-mails written to WORKER_MAIL_DIR, and no wait before a retry."""

import os

from cms.settings.test import *  # noqa: F403

TASK_BACKEND = "database"
TASKS = task_backends(TASK_BACKEND)  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("WORKER_MAIL_DIR", "")
TASK_RETRY_SECONDS = 0
