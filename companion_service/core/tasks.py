"""The core app's Celery tasks: run a job (``core.jobs``), send stalled jobs again."""

from celery import shared_task

from . import jobs


@shared_task(name="core.run_job", acks_late=True)
def run_job(job_id: int) -> str:
    return jobs.run(job_id)


@shared_task(name="core.recover_jobs", acks_late=True)
def recover_jobs() -> list[int]:
    stalled = jobs.stalled()
    for job_id in stalled:
        run_job.delay(job_id)
    return stalled
