"""Search indexing that does not wait for a background worker.

Wagtail 8 (through modelsearch) indexes a saved page in a django-tasks task. With the database task
backend that task waits for `manage.py db_worker`; on a server where no worker runs (or it is down
for a while) a published page would not be found. So a published page is also indexed right away,
in the request that publishes it. The queued task, when a worker runs it, does the same again:
indexing is idempotent. See docs/content.md, "Search".
"""

import logging

from wagtail.search import index

logger = logging.getLogger("protikar.search")


def index_now(obj) -> None:
    """Index one object in every search backend now. Never lets an indexing error stop a publish."""
    try:
        index.insert_or_update_object(obj)
    except Exception:  # the page is published either way; `manage.py update_index` mends the index
        logger.exception("indexing %r failed", obj)


def on_page_published(sender, instance, **kwargs):
    index_now(instance.specific)
