"""Social workers of the talent registry (continuing education, exams), volunteer
teams and volunteers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fivesoc.db.declare import OPTIONAL, REQUIRED, column, entity
from fivesoc.db.records.shared import (
    ACTOR_NAME,
    BLANK,
    FICTIONAL,
    ILLUSTRATIVE,
    NEGATIVE,
    SOCIETY,
    UNIQUE_NAME,
    Archivable,
    Row,
    Versioned,
)


@entity(
    table="social_worker",
    type_name="SocialWorker",
    noun="social worker",
    description="A social worker or community worker of the talent registry.",
    checks={
        "social_worker_full_name_check": ("full_name", BLANK),
        "social_worker_certified_year_check": (
            "certified_year",
            "must be a year between 2008 and 2100",
        ),
        "social_worker_check": (
            "certified_year",
            "is set exactly when certificationLevel is not NONE",
        ),
    },
    actor_kind="social_worker",
)
class SocialWorker(Archivable):
    region_id: int = column(
        "The region the worker is registered in.",
        write=REQUIRED,
        ref="Region",
        input="The region of the registry the worker is in.",
        zh="所属地区",
    )
    employer_id: int | None = column(
        "The organization that employs the worker.",
        write=OPTIONAL,
        ref="Organization",
        input="The organization employing the worker.",
        zh="工作单位",
    )
    station_id: int | None = column(
        "The social-work station the worker is based at.",
        write=OPTIONAL,
        ref="ServiceSite",
        input="The service site the worker is stationed at.",
        zh="所在社工站",
    )
    role: str = column(
        "What the person does.",
        write=OPTIONAL,
        enum="WorkerRole",
        input="Role; SOCIAL_WORKER if unset.",
        zh="岗位",
    )
    full_name: str = column(
        "Full name: the worker's name.",
        write=REQUIRED,
        input="Full name; not blank.",
        exposed=False,
        zh="姓名",
    )
    name: str = column("Name (for a social worker, the full name).", sql="t.full_name")
    is_fictional: bool = column(
        "True for made-up demo or generated people.", write=OPTIONAL, input=FICTIONAL, zh="虚构人物"
    )
    certification_level: str = column(
        "Highest certificate held.",
        write=OPTIONAL,
        enum="CertificationLevel",
        input="Certificate held; NONE if unset (then `certifiedYear` stays null).",
        zh="职业资格等级",
    )
    certified_year: int | None = column(
        "Year of that certificate.",
        write=OPTIONAL,
        input="Year certified, 2008 to 2100; set exactly with a level.",
        zh="取证年份",
    )
    is_illustrative: bool = column(
        "True when the worker stands in for one the source counts and their certificate and "
        "station are made up: statistics of counted records leave their level out.",
        write=OPTIONAL,
        input="True when the certificate and station are made up; false if unset.",
        zh="示意记录",
    )
    society: str = column(SOCIETY, enum="Society", sql="'social_worker'")


@entity(
    table="continuing_education",
    type_name="ContinuingEducation",
    noun="continuing-education record",
    description="A continuing-education course a worker logged hours for.",
    region="social_worker_id",
    checks={
        "continuing_education_year_check": ("year", "must be a year between 2008 and 2100"),
        "continuing_education_course_check": ("course", BLANK),
        "continuing_education_hours_check": ("hours", NEGATIVE),
    },
    uniques={
        "continuing_education_social_worker_id_year_course_key": (
            "course",
            "the worker already logged this course for this year",
        )
    },
)
class ContinuingEducation(Versioned):
    social_worker_id: int = column("The worker who took the course.", ref="SocialWorker")
    year: int = column(
        "Year of the course.", write=REQUIRED, input="Year of the course, 2008 to 2100."
    )
    course: str = column(
        "Name of the course.", write=REQUIRED, input="Name of the course; not blank."
    )
    hours: Decimal = column(
        "Hours logged (学时).",
        write=REQUIRED,
        input="Hours logged, as a decimal; not negative.",
        digits=(6, 1),
    )


@entity(
    table="exam_registration",
    type_name="ExamRegistration",
    noun="exam registration",
    description="A registration for the national social-work qualification exam.",
)
class ExamRegistration(Row):
    region_id: int = column("The region the candidate registered in.", ref="Region")
    social_worker_id: int | None = column(
        "The candidate, where the registry knows them.", ref="SocialWorker"
    )
    year: int = column("Exam year.")
    level: str = column("Level of the exam.", enum="ExamLevel")
    passed: bool | None = column("Whether the candidate passed; null: pending.")


@entity(
    table="volunteer_team",
    type_name="VolunteerTeam",
    noun="volunteer team",
    description="A community volunteer team (志愿服务队): the supplement.",
    checks={"volunteer_team_name_check": ("name", BLANK)},
    uniques={
        "volunteer_team_region_id_name_key": ("name", "another team of the region has this name")
    },
    actor_kind="volunteer_team",
)
class VolunteerTeam(Archivable):
    region_id: int = column(
        "The region the team is registered in.", write=REQUIRED, ref="Region", zh="所属地区"
    )
    community_id: int | None = column(
        "The community the team is based in.",
        write=OPTIONAL,
        ref="Community",
        input="The community the team is based in, if any.",
        zh="所属社区",
    )
    name: str = column(ACTOR_NAME, write=REQUIRED, input=UNIQUE_NAME, zh="名称")
    founded_on: dt.date | None = column("Date it was founded.", write=OPTIONAL, zh="成立日期")
    is_illustrative: bool = column(
        "True when the source counts this team but does not name it.",
        write=OPTIONAL,
        input=ILLUSTRATIVE,
        zh="示意记录",
    )
    society: str = column(SOCIETY, enum="Society", sql="'volunteer'")


@entity(
    table="volunteer",
    type_name="Volunteer",
    noun="volunteer",
    description="A community volunteer. The name is personal data.",
    checks={
        "volunteer_full_name_check": ("full_name", BLANK),
        "volunteer_service_hours_check": ("service_hours", NEGATIVE),
    },
)
class Volunteer(Archivable):
    team_id: int | None = column(
        "The volunteer's team.",
        write=OPTIONAL,
        ref="VolunteerTeam",
        input="The volunteer's team, if any.",
        zh="所属志愿服务队",
    )
    community_id: int | None = column(
        "The volunteer's community, if any.", write=OPTIONAL, ref="Community", zh="所属社区"
    )
    region_id: int = column(
        "The region the volunteer serves in.", write=REQUIRED, ref="Region", zh="所属地区"
    )
    full_name: str = column(
        "Full name: needs a caseworker token for the volunteer's region.",
        write=REQUIRED,
        input="Full name (personal data); not blank.",
        personal=True,
        zh="姓名",
    )
    is_fictional: bool = column(
        "True for made-up demo or generated people.", write=OPTIONAL, input=FICTIONAL, zh="虚构人物"
    )
    service_hours: Decimal = column(
        "Hours of service logged.",
        write=OPTIONAL,
        input="Hours served, as a decimal; not negative.",
        digits=(8, 1),
        zh="服务时长",
    )
    joined_on: dt.date | None = column("Date the volunteer joined.", write=OPTIONAL, zh="加入日期")
