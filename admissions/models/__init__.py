"""Structured admission facts of a programme: requirements, study options, thresholds, cohorts,
and the programme plans that place courses into semesters.

Built on ``programs``: these models point at ``Programme``, never the other way round.
"""

from admissions.models.cohorts import COHORT_CODE, Cohort, ScheduleWeek
from admissions.models.options import (
    AdmissionThreshold,
    StudyOption,
    ThresholdHistory,
    latest_admission_year,
)
from admissions.models.requirements import AdmissionRequirement, FieldOfStudy
from admissions.models.structure import (
    Course,
    InstructionLanguage,
    PlanCourse,
    ProgrammePlan,
)

__all__ = [
    "COHORT_CODE",
    "AdmissionRequirement",
    "AdmissionThreshold",
    "Cohort",
    "Course",
    "FieldOfStudy",
    "InstructionLanguage",
    "PlanCourse",
    "ProgrammePlan",
    "ScheduleWeek",
    "StudyOption",
    "ThresholdHistory",
    "latest_admission_year",
]
