"""Enumerations; each value is the word stored in the database."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Level of an administrative region, from the top.")
class RegionLevel(Enum):
    PROVINCE = strawberry.enum_value("province", description="Province (省).")
    CITY = strawberry.enum_value("city", description="City or prefecture (市).")
    COUNTY = strawberry.enum_value("county", description="County or district (县/区).")
    TOWNSHIP = strawberry.enum_value("township", description="Township or street (乡镇/街道).")


@strawberry.enum(description="Urban community or rural village.")
class CommunityKind(Enum):
    COMMUNITY = strawberry.enum_value("community", description="Urban community (社区).")
    VILLAGE = strawberry.enum_value("village", description="Rural village (村).")


@strawberry.enum(description="Where a community stands in its life.")
class CommunityStatus(Enum):
    PREPARING = strawberry.enum_value("preparing", description="Being set up (筹建).")
    ACTIVE = strawberry.enum_value("active", description="Established and governed.")
    MERGED = strawberry.enum_value("merged", description="Merged into another community.")


@strawberry.enum(description="Kind of service site.")
class ServiceSiteKind(Enum):
    SOCIAL_WORK_STATION = strawberry.enum_value(
        "social_work_station", description="Township social-work station (社工站)."
    )
    NEIGHBOURHOOD_CENTRE = strawberry.enum_value(
        "neighbourhood_centre", description="Happiness-neighbourhood centre (幸福邻里中心)."
    )
    SERVICE_COMPLEX = strawberry.enum_value(
        "service_complex", description="Community service complex (社区服务综合体)."
    )
    PARTY_MASS_CENTRE = strawberry.enum_value(
        "party_mass_centre", description="Party-and-mass service centre (党群服务中心)."
    )
    CHILDRENS_HOME = strawberry.enum_value(
        "childrens_home", description="Children's home (儿童之家)."
    )
    COMMUNITY_HOSPITAL = strawberry.enum_value(
        "community_hospital", description="Community hospital (社区医院)."
    )


@strawberry.enum(description="How exact a reported figure is, in the source's own words.")
class Qualifier(Enum):
    EXACT = strawberry.enum_value("exact", description="The figure as stated.")
    MORE_THAN = strawberry.enum_value("more_than", description="More than the figure (超过, 余).")
    ABOUT = strawberry.enum_value("about", description="A rounded figure (e.g. 13.5万).")


@strawberry.enum(description="Kind of organization.")
class OrganizationKind(Enum):
    SOCIAL_WORK_AGENCY = strawberry.enum_value(
        "social_work_agency", description="Social-work agency (社工机构)."
    )
    COMMUNITY_SOCIAL_ORG = strawberry.enum_value(
        "community_social_org", description="Community social organization (社区社会组织)."
    )
    FOUNDATION = strawberry.enum_value("foundation", description="Foundation (基金会).")
    CIVIL_AFFAIRS_BUREAU = strawberry.enum_value(
        "civil_affairs_bureau", description="Civil-affairs bureau or office (民政局, 民政所)."
    )
    GOVERNMENT_DEPARTMENT = strawberry.enum_value(
        "government_department", description="Another government department."
    )
    ENTERPRISE = strawberry.enum_value("enterprise", description="Enterprise (企业).")
    CULTURAL_INSTITUTION = strawberry.enum_value(
        "cultural_institution", description="Cultural institution, e.g. a county cultural centre."
    )
    OTHER = strawberry.enum_value("other", description="Any other organization.")


@strawberry.enum(description="Kind of agreement between a university and a local party.")
class AgreementKind(Enum):
    FRAMEWORK = strawberry.enum_value(
        "framework", description="Framework agreement (框架合作协议)."
    )
    TRAINING = strawberry.enum_value("training", description="Training agreement.")
    RESEARCH = strawberry.enum_value("research", description="Research agreement.")


@strawberry.enum(description="Which of the five societies (五社) an actor belongs to.")
class Society(Enum):
    COMMUNITY = strawberry.enum_value("community", description="Community (社区): the platform.")
    SOCIAL_ORGANIZATION = strawberry.enum_value(
        "social_organization", description="Social organization (社会组织): the carrier."
    )
    SOCIAL_WORKER = strawberry.enum_value(
        "social_worker", description="Social worker (社会工作者): the support."
    )
    VOLUNTEER = strawberry.enum_value(
        "volunteer", description="Community volunteers (社区志愿者): the supplement."
    )
    CHARITY_RESOURCE = strawberry.enum_value(
        "charity_resource", description="Social charity resources (社会慈善资源)."
    )
    PARTNER = strawberry.enum_value(
        "partner",
        description="A partner outside the five: a university, bureau or other department.",
    )


@strawberry.enum(description="Kind of collaboration link between two actors.")
class LinkKind(Enum):
    PARTNERSHIP = strawberry.enum_value("partnership", description="Declared partnership.")
    AGREEMENT = strawberry.enum_value("agreement", description="Signed agreement.")
    CO_PARTICIPATION = strawberry.enum_value(
        "co_participation", description="Working together in a project or activity."
    )
    RESOURCE_FLOW = strawberry.enum_value(
        "resource_flow", description="Resources flowing from source to target."
    )
    REFERRAL = strawberry.enum_value("referral", description="Referral from source to target.")
    EMPLOYMENT = strawberry.enum_value("employment", description="Source employs target.")
    GUIDANCE = strawberry.enum_value("guidance", description="Source guides or funds target.")
    MEMBERSHIP = strawberry.enum_value("membership", description="Source is a member of target.")


@strawberry.enum(description="Domain a project works in.")
class ProjectDomain(Enum):
    ELDERLY = strawberry.enum_value("elderly", description="Elderly care (养老).")
    CHILDREN = strawberry.enum_value("children", description="Children (儿童).")
    YOUTH_MENTAL_HEALTH = strawberry.enum_value(
        "youth_mental_health", description="Youth mental health (青少年心理健康)."
    )
    SOCIAL_ASSISTANCE = strawberry.enum_value(
        "social_assistance", description="Social assistance (社会救助)."
    )
    GRASSROOTS_GOVERNANCE = strawberry.enum_value(
        "grassroots_governance", description="Grassroots governance (基层治理)."
    )
    DISABILITY = strawberry.enum_value("disability", description="People with disabilities.")
    FAMILY = strawberry.enum_value("family", description="Families.")
    PUBLICITY = strawberry.enum_value("publicity", description="Publicity and advocacy.")
    OTHER = strawberry.enum_value("other", description="Any other domain.")


@strawberry.enum(description="Where a project stands.")
class ProjectStatus(Enum):
    PLANNED = strawberry.enum_value("planned", description="Planned, not started.")
    ACTIVE = strawberry.enum_value("active", description="Running.")
    SUSPENDED = strawberry.enum_value("suspended", description="Paused.")
    COMPLETED = strawberry.enum_value("completed", description="Finished.")
    CANCELLED = strawberry.enum_value("cancelled", description="Stopped before finishing.")


@strawberry.enum(description="Role of an actor in a project.")
class ParticipantRole(Enum):
    LEAD = strawberry.enum_value("lead", description="Leads the project.")
    PARTNER = strawberry.enum_value("partner", description="Partner.")
    FUNDER = strawberry.enum_value("funder", description="Funds the project.")
    ORGANIZER = strawberry.enum_value("organizer", description="Organizes it.")
    SERVICE_PROVIDER = strawberry.enum_value("service_provider", description="Delivers services.")
    VOLUNTEER = strawberry.enum_value("volunteer", description="Volunteers in it.")
    HOST = strawberry.enum_value("host", description="Hosts it (e.g. a community).")


@strawberry.enum(description="Kind of service or activity.")
class ActivityKind(Enum):
    CASE_WORK = strawberry.enum_value("case_work", description="Case work (个案).")
    GROUP_WORK = strawberry.enum_value("group_work", description="Group work (小组).")
    COMMUNITY_ACTIVITY = strawberry.enum_value(
        "community_activity", description="Community activity (社区活动)."
    )
    PUBLICITY = strawberry.enum_value("publicity", description="Publicity event.")
    TRAINING = strawberry.enum_value("training", description="Training event.")


@strawberry.enum(description="Certification of a social worker.")
class CertificationLevel(Enum):
    NONE = strawberry.enum_value("none", description="Not certified.")
    ASSISTANT = strawberry.enum_value("assistant", description="Assistant (助理社会工作师).")
    INTERMEDIATE = strawberry.enum_value("intermediate", description="Social worker (社会工作师).")
    SENIOR = strawberry.enum_value("senior", description="Senior (高级社会工作师).")


@strawberry.enum(description="What a person in the talent registry does.")
class WorkerRole(Enum):
    SOCIAL_WORKER = strawberry.enum_value("social_worker", description="Social worker.")
    CIVIL_AFFAIRS_SOCIAL_WORKER = strawberry.enum_value(
        "civil_affairs_social_worker", description="Civil-affairs social worker (民政社工)."
    )
    COMMUNITY_WORKER = strawberry.enum_value(
        "community_worker", description="Community worker (社区工作者)."
    )


@strawberry.enum(description="Kind of charity resource.")
class ResourceKind(Enum):
    FUNDS = strawberry.enum_value("funds", description="Money.")
    GOODS = strawberry.enum_value("goods", description="Goods.")
    FUNDS_AND_GOODS = strawberry.enum_value(
        "funds_and_goods", description="Money and goods counted together (款物)."
    )
    SERVICES = strawberry.enum_value("services", description="Donated services.")
    VENUE = strawberry.enum_value("venue", description="A venue.")


@strawberry.enum(description="Where a charity resource comes from.")
class ResourceSource(Enum):
    DONOR = strawberry.enum_value("donor", description="A donor.")
    SOCIAL_DONATION = strawberry.enum_value("social_donation", description="Social donations.")


@strawberry.enum(description="Where a government fund comes from.")
class FundOrigin(Enum):
    HIGHER_LEVEL = strawberry.enum_value(
        "higher_level", description="Funds from higher levels of government (上级资金)."
    )
    LOCAL_BUDGET = strawberry.enum_value(
        "local_budget", description="The local government budget (本级财政)."
    )


@strawberry.enum(description="Vulnerability category of a household.")
class HouseholdCategory(Enum):
    ORPHAN = strawberry.enum_value("orphan", description="Orphan (孤儿).")
    DE_FACTO_UNSUPPORTED_CHILD = strawberry.enum_value(
        "de_facto_unsupported_child", description="De-facto unsupported child (事实无人抚养儿童)."
    )
    ELDERLY_SPECIAL_HARDSHIP = strawberry.enum_value(
        "elderly_special_hardship", description="Elderly in special hardship (特殊困难老人)."
    )
    MINIMUM_ALLOWANCE = strawberry.enum_value(
        "minimum_allowance", description="Minimum-allowance recipient (低保)."
    )
    EXTREME_POVERTY = strawberry.enum_value(
        "extreme_poverty", description="Extreme-poverty recipient (特困)."
    )
    LEFT_BEHIND_CHILD = strawberry.enum_value(
        "left_behind_child", description="Left-behind child (留守儿童)."
    )
    LIVING_ALONE = strawberry.enum_value("living_alone", description="Living alone (独居).")


@strawberry.enum(description="Where a need stands.")
class NeedStatus(Enum):
    OPEN = strawberry.enum_value("open", description="Found, not yet handled.")
    REFERRED = strawberry.enum_value("referred", description="Referred to another body.")
    RESOLVED = strawberry.enum_value("resolved", description="Resolved.")
    CLOSED = strawberry.enum_value("closed", description="Closed without resolution.")


@strawberry.enum(description="Kind of need found in a visit.")
class NeedKind(Enum):
    MEDICAL = strawberry.enum_value("medical", description="Medical care.")
    CARE = strawberry.enum_value("care", description="Personal care.")
    DAILY_LIVING = strawberry.enum_value("daily_living", description="Daily living.")
    EDUCATION = strawberry.enum_value("education", description="Education.")
    FINANCIAL = strawberry.enum_value("financial", description="Money.")
    HOUSING = strawberry.enum_value("housing", description="Housing.")
    PSYCHOLOGICAL = strawberry.enum_value("psychological", description="Psychological support.")
    FAMILY_RELATIONS = strawberry.enum_value("family_relations", description="Family relations.")
    SAFETY = strawberry.enum_value("safety", description="Safety.")
    OTHER = strawberry.enum_value("other", description="Anything else.")


@strawberry.enum(description="Relation of a household member to the head.")
class MemberRelation(Enum):
    HEAD = strawberry.enum_value("head", description="Head of the household.")
    SPOUSE = strawberry.enum_value("spouse", description="Spouse.")
    CHILD = strawberry.enum_value("child", description="Child.")
    GRANDCHILD = strawberry.enum_value("grandchild", description="Grandchild.")
    PARENT = strawberry.enum_value("parent", description="Parent.")
    GRANDPARENT = strawberry.enum_value("grandparent", description="Grandparent.")
    SIBLING = strawberry.enum_value("sibling", description="Sibling.")
    OTHER = strawberry.enum_value("other", description="Other relation.")


@strawberry.enum(description="Level of a qualification exam.")
class ExamLevel(Enum):
    ASSISTANT = strawberry.enum_value("assistant", description="Assistant social worker.")
    INTERMEDIATE = strawberry.enum_value("intermediate", description="Social worker.")
    SENIOR = strawberry.enum_value("senior", description="Senior social worker.")


@strawberry.enum(description="How much of a date its source gives.")
class DatePrecision(Enum):
    YEAR = strawberry.enum_value("year", description="The year only (e.g. 2021, 年初).")
    MONTH = strawberry.enum_value("month", description="The year and month (e.g. 2023年12月).")
    DAY = strawberry.enum_value("day", description="The exact day.")


@strawberry.enum(description="Kind of programme or practice.")
class PracticeKind(Enum):
    PROGRAMME = strawberry.enum_value(
        "programme", description="A programme or set of projects (工程, e.g. 三项工程)."
    )
    BRAND = strawberry.enum_value("brand", description="A brand or calling card (金名片).")
    METHOD = strawberry.enum_value(
        "method", description="A working method or approach (工作法, 三要素, 四个强化)."
    )
    SERVICE = strawberry.enum_value(
        "service", description="A standing service (e.g. 四点半课堂 after-school classes)."
    )
    PLATFORM = strawberry.enum_value(
        "platform",
        description="A website, registry, chat group or hotline (e.g. 中国社会工作网).",
    )


@strawberry.enum(description="Kind of policy document, meeting or observance.")
class PolicyEventKind(Enum):
    DOCUMENT = strawberry.enum_value("document", description="A policy document (意见, 办法).")
    NOTICE = strawberry.enum_value("notice", description="A notice (通知).")
    WORK_PLAN = strawberry.enum_value("work_plan", description="Work points or a plan (工作要点).")
    MEETING = strawberry.enum_value("meeting", description="A meeting or conference (会议).")
    OBSERVANCE = strawberry.enum_value(
        "observance", description="A day observed, e.g. International Social Work Day (国际社工日)."
    )
