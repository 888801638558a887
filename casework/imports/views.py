"""Import screens: upload → column mapping → dry-run preview (with progress) → commit.

Only users with `casework.import_cases` (the programme lead by default); a job is visible only to
the person who uploaded it. Every failure a file can cause ends in a message, never a 500.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.exports import XLSX_TYPE
from casework.models import AccessLog
from casework.services import access_log_record
from portal.templatetags.portal_tags import local_digits

from .forms import MappingForm, UploadForm
from .headers import analyse_headers
from .models import ImportJob
from .reader import FileRefused, max_bytes, read_sheet
from .report import error_report_xlsx
from .services import job_mark_stalled, job_sheet, job_start, mapping_owner, mapping_save, saved_mapping

PREVIEW_LIMIT = 500
EXAMPLE_ROWS = 3  # rows whose cells the mapping screen shows as examples


def _require_import(user):
    if not user.has_perm("casework.import_cases"):
        raise PermissionDenied


def _job(request, pk) -> ImportJob:
    _require_import(request.user)
    job = ImportJob.objects.select_related("organization").filter(pk=pk, created_by=request.user).first()
    if job is None:
        raise Http404
    return job


@login_required
def upload(request):
    _require_import(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            if upload_file.size > max_bytes():
                raise FileRefused(_("The file is larger than %(mb)s MB. Split it into smaller files.") % {"mb": max_bytes() // (1024 * 1024)})
            data = upload_file.read()
            sheet = read_sheet(data, upload_file.name)
            if not sheet.rows:
                raise FileRefused(_("The file has a header row but no cases below it."))
        except FileRefused as exc:
            form.add_error("file", str(exc))
        else:
            job = ImportJob(
                created_by=request.user, organization=form.cleaned_data["organization"],
                original_name=upload_file.name[:200], size=len(data), headers=sheet.headers,
                header_row=sheet.header_row, total_rows=len(sheet.rows), language=translation.get_language() or "",
            )
            mapped = analyse_headers(sheet.headers, saved_mapping(mapping_owner(job))).mapping
            job.mapping = {str(k): v for k, v in mapped.items()}
            job.file.save(f"{job.pk}.upload", ContentFile(data), save=False)
            job.save()
            return redirect("imports:mapping", pk=job.pk)
    recent = ImportJob.objects.filter(created_by=request.user)[:10]
    return render(request, "imports/upload.html", {"form": form, "recent": recent})


@login_required
def mapping(request, pk):
    job = _job(request, pk)
    if job.is_running or job.file_removed:
        return redirect("imports:progress", pk=job.pk)
    initial = {int(k): v for k, v in job.mapping.items()}
    # Columns whose name could mean several things where they stand: a person chooses (never a guess).
    unclear = analyse_headers(job.headers, saved_mapping(mapping_owner(job))).unclear
    form = MappingForm(request.POST or None, headers=job.headers, initial_mapping=initial, unclear=unclear)
    if request.method == "POST" and form.is_valid():
        mapping_save(job=job, mapping=form.mapping(), user=request.user)
        job.refresh_from_db()
        try:
            job_start(job=job, dry_run=True)
        except FileRefused as exc:
            messages.error(request, str(exc))
            return redirect("imports:upload")
        return redirect("imports:progress", pk=job.pk)
    examples = {}
    try:
        sheet = job_sheet(job)
        for index in range(len(job.headers)):
            values = [str(cells[index]) for _n, cells in sheet.rows[:EXAMPLE_ROWS] if index < len(cells) and cells[index] not in (None, "")]
            examples[index] = ", ".join(v[:40] for v in values)
    except (FileRefused, OSError):
        pass
    if any(examples.values()):
        # The examples are the register's first rows: names, phones, passports (SPEC §6).
        shown = min(EXAMPLE_ROWS, job.total_rows)
        access_log_record(user=request.user, action=AccessLog.Action.VIEW_JUSTICE_SEEKER,
                          detail=f"import column examples; job={job.pk}; rows={shown}")
    columns = [(field, examples.get(int(field.name[4:]), ""), form.is_unclear(field)) for field in form.columns()]
    return render(request, "imports/mapping.html", {"job": job, "form": form, "columns": columns})


@login_required
@require_POST
def run(request, pk):
    job = _job(request, pk)
    if job.is_running:
        return redirect("imports:progress", pk=job.pk)
    commit = request.POST.get("mode") == "commit"
    # A commit follows a dry run; or it starts again after failing (rows it saved are skipped).
    if commit and not (job.status == ImportJob.Status.CHECKED or (job.status == ImportJob.Status.FAILED and not job.dry_run)):
        messages.error(request, _("Check the file first: the import runs after a dry run."))
        return redirect("imports:progress", pk=job.pk)
    try:
        job_start(job=job, dry_run=not commit)
    except FileRefused as exc:
        messages.error(request, str(exc))
    return redirect("imports:progress", pk=job.pk)


@login_required
@require_GET
def progress(request, pk):
    job = job_mark_stalled(_job(request, pk))
    reported = sorted(job.report, key=lambda r: (r["action"] != "error", r["row"]))
    context = {
        "job": job, "reported": reported[:PREVIEW_LIMIT], "more": max(0, len(reported) - PREVIEW_LIMIT),
        "status_url": reverse("imports:status", kwargs={"pk": job.pk}),
        "retention_days": settings.IMPORT_RETENTION_DAYS,
    }
    return render(request, "imports/progress.html", context)


@login_required
@require_GET
def status(request, pk):
    job = job_mark_stalled(_job(request, pk))
    count_label = _("%(done)s of %(total)s rows") % {"done": local_digits(job.processed_rows), "total": local_digits(job.total_rows)}
    return JsonResponse({
        "status": job.status, "status_label": job.get_status_display(), "percent": job.percent,
        "processed": job.processed_rows, "total": job.total_rows, "running": job.is_running, "count_label": count_label,
        "imported": job.imported, "updated": job.updated, "skipped": job.skipped, "errors": job.errors,
    })


@login_required
@require_GET
def report(request, pk):
    job = _job(request, pk)
    try:
        sheet = job_sheet(job)
    except (FileRefused, OSError):
        raise Http404 from None
    # In the language the rows' messages were written in (the job's), so headings and reasons agree.
    with translation.override(job.language or translation.get_language()):
        data = error_report_xlsx(sheet, job.report)
    # The report repeats every cell of the rows it lists (SPEC §6: an export of personal data).
    access_log_record(user=request.user, action=AccessLog.Action.EXPORT,
                      detail=f"import error report; job={job.pk}; rows={len(job.report)}")
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="import-report-{str(job.pk)[:8]}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
