import logging

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.http import HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.models import Locale, Page

from .search import build_query, clean_query, index_text, query_words

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 200

logger = logging.getLogger("protikar.search")


def search(request):
    """Portal search in the reader's language: live pages of the active locale only.

    The query is cleaned and rewritten the way the index is (home/search.py), so odd input (quotes,
    NUL, control characters) cannot reach the search backend's query syntax.
    """
    query = clean_query(request.GET.get("query") or "", MAX_QUERY_LENGTH)
    results = []
    search_query = build_query(query) if query else None
    if search_query is not None:
        try:
            found = list(
                Page.objects.live().public().filter(locale=Locale.get_active(), depth__gt=1)
                .specific().search(search_query)[:MAX_RESULTS]
            )
        except DatabaseError:
            # Never a 500 for a reader's query; the log says what the backend did not like.
            logger.exception("search failed")
            found = []
        results = titles_first(found, query)
    paginator = Paginator(results, 10)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    return TemplateResponse(request, "home/search.html", {"query": query, "results": page_obj})


def titles_first(pages: list, query: str) -> list:
    """Pages whose title has more of the query's words first, otherwise in the backend's order.

    SQLite's ranking (bm25 over the whole entry) gives the title no weight of its own, so a page
    that mentions "BMET" often ranked above the BMET page itself; the portal has tens of pages, so
    ordering them here is cheap and the same on every database.
    """
    words = query_words(query)

    def title_hits(page):
        title = set(index_text(page.title).split())
        return sum(1 for forms in words if title & set(forms))

    return sorted(pages, key=lambda page: -title_hits(page))


def language_from_path(path: str) -> str:
    """The reader's language from the URL prefix (/bn/…, /en/…); Bangla for anything else."""
    from django.conf import settings

    prefix = path.lstrip("/").split("/", 1)[0]
    codes = [code for code, _name in settings.LANGUAGES]
    return prefix if prefix in codes else settings.LANGUAGE_CODE


def server_error(request, template_name="500.html"):
    """The 500 page in the reader's language, rendered without the database or context processors
    (whatever failed may be the database itself)."""
    lang = language_from_path(getattr(request, "path", "") or "")
    with translation.override(lang):
        html = loader.get_template(template_name).render({"lang": lang})
    return HttpResponseServerError(html)
