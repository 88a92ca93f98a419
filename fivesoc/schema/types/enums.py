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
