"""The core app's Celery tasks: run a job (``core.jobs``), send stalled jobs again, delete expired
import files (they hold NIPs; ADR 0109)."""

from celery import shared_task

from . import jobs
from .admin_import import purge_expired_imports


@shared_task(name="core.run_job", acks_late=True)
def run_job(job_id: int) -> str:
    return jobs.run(job_id)


@shared_task(name="core.recover_jobs", acks_late=True)
def recover_jobs() -> list[int]:
    stalled = jobs.stalled()
    for job_id in stalled:
        run_job.delay(job_id)
    return stalled


@shared_task(name="core.purge_expired_imports")
def purge_expired_import_files() -> int:
    return purge_expired_imports()
