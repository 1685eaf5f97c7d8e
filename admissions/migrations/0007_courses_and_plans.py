"""Courses and programme plans: courses placed per study option and cohort into semesters."""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("admissions", "0006_alter_studyoption_deadline_month")]

    operations = [
        migrations.CreateModel(
            name="Course",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        max_length=20,
                        unique=True,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z0-9]+(-[A-Z0-9]+)*\\Z",
                                "Use capital letters and digits, like “PHV1100”.",
                                code="invalid_course_code",
                            )
                        ],
                        verbose_name="course code",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("title_nb", models.CharField(max_length=200, null=True, verbose_name="title")),
                ("title_en", models.CharField(max_length=200, null=True, verbose_name="title")),
                (
                    "credits",
                    models.DecimalField(
                        decimal_places=1,
                        help_text="For example 15 or 7.5.",
                        max_digits=4,
                        validators=[
                            django.core.validators.MinValueValidator(
                                Decimal("0.5"), "A course has at least 0.5 ECTS credits."
                            ),
                            django.core.validators.MaxValueValidator(
                                Decimal("120"), "A course has at most 120 ECTS credits."
                            ),
                        ],
                        verbose_name="ECTS credits",
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("further_education", "Further education"),
                            ("bachelor", "Bachelor's programme"),
                            ("master", "Master's programme"),
                            ("phd", "PhD programme"),
                        ],
                        max_length=20,
                        verbose_name="level",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("nb", "Taught in Norwegian"), ("en", "Taught in English")],
                        default="nb",
                        max_length=5,
                        verbose_name="language of instruction",
                    ),
                ),
                (
                    "description_url",
                    models.URLField(
                        blank=True,
                        help_text="The address of the full course description; the course title links to it.",
                        verbose_name="course description",
                    ),
                ),
            ],
            options={
                "verbose_name": "course",
                "verbose_name_plural": "courses",
                "ordering": ["code"],
            },
        ),
        migrations.CreateModel(
            name="ProgrammePlan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "is_published",
                    models.BooleanField(
                        default=False,
                        help_text="Only published plans are shown. A published plan must add up: 30 ECTS credits a semester full-time, and the programme's credits in all.",
                        verbose_name="published",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "cohort",
                    models.ForeignKey(
                        help_text="The plan applies to the students who started with this cohort.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plans",
                        to="admissions.cohort",
                        verbose_name="cohort",
                    ),
                ),
                (
                    "study_option",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plans",
                        to="admissions.studyoption",
                        verbose_name="study option",
                    ),
                ),
            ],
            options={
                "verbose_name": "programme plan",
                "verbose_name_plural": "programme plans",
                "ordering": ["study_option_id", "cohort_id"],
            },
        ),
        migrations.CreateModel(
            name="PlanCourse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "semester",
                    models.PositiveSmallIntegerField(
                        help_text="1 is the cohort's first semester.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(12),
                        ],
                        verbose_name="semester",
                    ),
                ),
                (
                    "is_elective",
                    models.BooleanField(
                        default=False,
                        help_text="An elective course a student may swap for another approved one.",
                        verbose_name="elective",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="placements",
                        to="admissions.course",
                        verbose_name="course",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="placements",
                        to="admissions.programmeplan",
                        verbose_name="programme plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "course in a plan",
                "verbose_name_plural": "courses in the plan",
                "ordering": ["plan_id", "semester", "position", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="programmeplan",
            constraint=models.UniqueConstraint(
                fields=("study_option", "cohort"),
                name="plan_unique_per_option_and_cohort",
                violation_error_code="duplicate_plan",
                violation_error_message="This study option already has a plan for that cohort.",
            ),
        ),
        migrations.AddConstraint(
            model_name="plancourse",
            constraint=models.UniqueConstraint(
                fields=("plan", "course"),
                name="plan_course_unique",
                violation_error_code="duplicate_course",
                violation_error_message="This course is already in the plan.",
            ),
        ),
    ]
