"""Organizations, and partner universities with their agreements, practice
bases and training programmes."""

from __future__ import annotations

import datetime as dt

from fivesoc.db.declare import OPTIONAL, REQUIRED, column, entity
from fivesoc.db.records.shared import (
    ACTOR_NAME,
    BLANK,
    ILLUSTRATIVE,
    NEGATIVE,
    PRECISION_INPUT,
    SOCIETY,
    UNIQUE_NAME,
    Archivable,
    precision,
)
from fivesoc.kinds import CARRIER_ORGANIZATION_KINDS


@entity(
    table="organization",
    type_name="Organization",
    noun="organization",
    description="A social organization, civil-affairs bureau or other body in the network.",
    checks={"organization_name_check": ("name", BLANK)},
    uniques={
        "organization_region_id_name_key": (
            "name",
            "another organization of the region has this name",
        )
    },
    actor_kind="organization",
)
class Organization(Archivable):
    region_id: int = column(
        "The region the organization is registered in.",
        write=REQUIRED,
        ref="Region",
        input="The region it belongs to.",
        zh="所属地区",
    )
    kind: str = column(
        "What kind of organization it is.",
        write=REQUIRED,
        enum="OrganizationKind",
        input="Kind of organization.",
        zh="类型",
    )
    name: str = column(ACTOR_NAME, write=REQUIRED, input=UNIQUE_NAME, zh="名称")
    founded_on: dt.date | None = column(
        "Date it was founded, where known.",
        write=OPTIONAL,
        input="Date it was founded.",
        zh="成立日期",
    )
    is_illustrative: bool = column(
        "True when the source counts this organization but does not name it.",
        write=OPTIONAL,
        input=ILLUSTRATIVE,
        zh="示意记录",
    )
    society: str = column(
        SOCIETY,
        enum="Society",
        sql=(
            "case when t.kind in ("
            + ", ".join(f"'{kind}'" for kind in CARRIER_ORGANIZATION_KINDS)
            + ") then 'social_organization' else 'partner' end"
        ),
    )


@entity(
    table="university",
    type_name="University",
    noun="university",
    description="A partner university (高校).",
    checks={"university_name_check": ("name", BLANK)},
    uniques={
        "university_region_id_name_key": ("name", "another university of the region has this name")
    },
    actor_kind="university",
)
class University(Archivable):
    region_id: int = column(
        "The region the university is in.",
        write=REQUIRED,
        ref="Region",
        input="The region it belongs to.",
    )
    name: str = column(ACTOR_NAME, write=REQUIRED, input=UNIQUE_NAME)
    society: str = column(SOCIETY, enum="Society", sql="'partner'")


@entity(
    table="agreement",
    type_name="Agreement",
    noun="agreement",
    description="An agreement (协议) between a university and a local party.",
    checks={
        "agreement_title_check": ("title", BLANK),
        "agreement_check": ("ends_on", "must not be before signedOn"),
    },
    uniques={
        "agreement_university_id_title_key": (
            "title",
            "the university already has an agreement with this title",
        )
    },
)
class Agreement(Archivable):
    university_id: int = column(
        "The university that signed it.",
        write=REQUIRED,
        ref="University",
        input="The university signing.",
    )
    organization_id: int | None = column(
        "The local party that signed it, e.g. a civil-affairs bureau.",
        write=OPTIONAL,
        ref="Organization",
        input="The organization signing, if any.",
    )
    region_id: int = column("The region the agreement covers.", write=REQUIRED, ref="Region")
    kind: str = column(
        "Framework, training or research.",
        write=OPTIONAL,
        enum="AgreementKind",
        input="Kind of agreement; FRAMEWORK if unset.",
    )
    title: str = column(
        "Title of the agreement.",
        write=REQUIRED,
        input="Title; not blank, unique for the university.",
    )
    signed_on: dt.date = column("Date it was signed.", write=REQUIRED)
    signed_on_precision: str = column(
        precision("signedOn"), write=OPTIONAL, enum="DatePrecision", input=PRECISION_INPUT
    )
    ends_on: dt.date | None = column(
        "Date it ends, if it does.", write=OPTIONAL, input="Date it ends; not before `signedOn`."
    )


@entity(
    table="practice_base",
    type_name="PracticeBase",
    noun="practice base",
    description="A practice base (实践基地) set up under an agreement.",
    checks={"practice_base_name_check": ("name", BLANK)},
    uniques={
        "practice_base_agreement_id_name_key": (
            "name",
            "another practice base of the agreement has this name",
        )
    },
)
class PracticeBase(Archivable):
    agreement_id: int = column(
        "The agreement it belongs to.",
        write=REQUIRED,
        ref="Agreement",
        input="The agreement it was set up under.",
    )
    region_id: int = column(
        "Where the base is.", write=REQUIRED, ref="Region", input="The region it lies in."
    )
    name: str = column(
        "Name of the base.", write=REQUIRED, input="Name; not blank, unique within the agreement."
    )
    established_on: dt.date | None = column("Date it was set up.", write=OPTIONAL)
    established_on_precision: str = column(
        precision("establishedOn"), write=OPTIONAL, enum="DatePrecision", input=PRECISION_INPUT
    )


@entity(
    table="training_programme",
    type_name="TrainingProgramme",
    noun="training programme",
    description="A training programme of a university, with its enrolment.",
    checks={
        "training_programme_name_check": ("name", BLANK),
        "training_programme_enrolment_count_check": ("enrolment_count", NEGATIVE),
    },
    uniques={
        "training_programme_university_id_name_key": (
            "name",
            "another programme of the university has this name",
        )
    },
)
class TrainingProgramme(Archivable):
    university_id: int = column(
        "The university that runs it.",
        write=REQUIRED,
        ref="University",
        input="The university running it.",
    )
    region_id: int = column("The region it serves.", write=REQUIRED, ref="Region")
    name: str = column(
        "Name of the programme.",
        write=REQUIRED,
        input="Name; not blank, unique for the university.",
    )
    started_on: dt.date | None = column("Date it started.", write=OPTIONAL)
    started_on_precision: str = column(
        precision("startedOn"), write=OPTIONAL, enum="DatePrecision", input=PRECISION_INPUT
    )
    enrolment_count: int = column(
        "Students enrolled so far.",
        write=OPTIONAL,
        input="Students enrolled; not negative, 0 if unset.",
    )
