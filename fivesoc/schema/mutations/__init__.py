"""The root `Mutation` type, composed of one class per group of operations.

Every mutation is one transaction; its payload carries `userErrors` (field path, message,
code) for anything the caller got wrong, and then nothing was written.
"""

from __future__ import annotations

import strawberry

from fivesoc.schema.mutations.core import CoreMutations
from fivesoc.schema.mutations.entities import EntityMutations
from fivesoc.schema.mutations.operations import OperationMutations
from fivesoc.schema.mutations.qualifications import QualificationMutations
from fivesoc.schema.mutations.sheets import SheetMutations
from fivesoc.schema.mutations.visits import VisitMutations


@strawberry.type(name="Mutation", description="Changing the five-society network.")
class Mutation(
    CoreMutations,
    EntityMutations,
    OperationMutations,
    QualificationMutations,
    VisitMutations,
    SheetMutations,
):
    pass


__all__ = ["Mutation"]
