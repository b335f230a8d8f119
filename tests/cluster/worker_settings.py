"""Settings of the ``manage.py db_worker`` process of the cluster tests: the test settings with the database queue
and the cluster's engine (its node URLs and the module's index prefix come from the environment)."""

import os

from cms.settings.test import *  # noqa: F403

TASK_BACKEND = "database"
TASKS = task_backends(TASK_BACKEND)  # noqa: F405
TASK_RETRY_SECONDS = 0
SEARCH_ENGINE_URL = os.environ["SEARCH_ENGINE_URL"]
SEARCH_ENGINE_KIND = "opensearch"
SEARCH_ENGINE_INDEX_PREFIX = os.environ["SEARCH_ENGINE_INDEX_PREFIX"]
SEARCH_ENGINE_RETRY_SECONDS = 1
