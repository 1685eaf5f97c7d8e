"""Structured admission facts of a programme: requirements, study options, thresholds, cohorts.

Built on ``programs``: these models point at ``Programme``, never the other way round.
"""

from admissions.models.cohorts import COHORT_CODE, Cohort, ScheduleWeek
from admissions.models.options import AdmissionThreshold, StudyOption, ThresholdHistory
from admissions.models.requirements import AdmissionRequirement, FieldOfStudy

__all__ = [
    "COHORT_CODE",
    "AdmissionRequirement",
    "AdmissionThreshold",
    "Cohort",
    "FieldOfStudy",
    "ScheduleWeek",
    "StudyOption",
    "ThresholdHistory",
]
