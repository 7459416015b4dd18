"""The UTBMS codes of a litigation invoice: the ABA Litigation Code Set (phases and tasks), the activity codes and
the expense codes, as the ABA Section of Litigation publishes them ("Uniform Task-Based Management System,
Litigation Code Set"). Names are translatable; the codes themselves never are.

A fee line names a task (L110, never its phase L100: e-billing systems refuse phase codes on a line) and an
activity (A101-A111); an expense line names an expense code (E101-E124). The lookups return None for a code that is
not in the set, so the LEDES validation (sharing.costs.ledes) can tell a known code from a typo.
"""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The five phases of a lawsuit: what a task rolls up to in reports and budgets.
PHASES: dict[str, "StrOrPromise"] = {
    "L100": _("Case Assessment, Development and Administration"),
    "L200": _("Pre-Trial Pleadings and Motions"),
    "L300": _("Discovery"),
    "L400": _("Trial Preparation and Trial"),
    "L500": _("Appeal"),
}

# The tasks, the codes a fee line carries. L190, L260 and L390 are in the ABA set as well (the "other" and class
# action tasks): invoices use them, so they are known here.
TASKS: dict[str, "StrOrPromise"] = {
    "L110": _("Fact Investigation/Development"),
    "L120": _("Analysis/Strategy"),
    "L130": _("Experts/Consultants"),
    "L140": _("Document/File Management"),
    "L150": _("Budgeting"),
    "L160": _("Settlement/Non-Binding ADR"),
    "L190": _("Other Case Assessment, Development and Administration"),
    "L210": _("Pleadings"),
    "L220": _("Preliminary Injunctions/Provisional Remedies"),
    "L230": _("Court Mandated Conferences"),
    "L240": _("Dispositive Motions"),
    "L250": _("Other Written Motions and Submissions"),
    "L260": _("Class Action Certification and Notice"),
    "L310": _("Written Discovery"),
    "L320": _("Document Production"),
    "L330": _("Depositions"),
    "L340": _("Expert Discovery"),
    "L350": _("Discovery Motions"),
    "L390": _("Other Discovery"),
    "L410": _("Fact Witnesses"),
    "L420": _("Expert Witnesses"),
    "L430": _("Written Motions and Submissions"),
    "L440": _("Other Trial Preparation and Support"),
    "L450": _("Trial and Hearing Attendance"),
    "L460": _("Post-Trial Motions and Submissions"),
    "L470": _("Enforcement"),
    "L510": _("Appellate Motions and Submissions"),
    "L520": _("Appellate Briefs"),
    "L530": _("Oral Argument"),
}

ACTIVITIES: dict[str, "StrOrPromise"] = {
    "A101": _("Plan and prepare for"),
    "A102": _("Research"),
    "A103": _("Draft/revise"),
    "A104": _("Review/analyze"),
    "A105": _("Communicate (in firm)"),
    "A106": _("Communicate (with client)"),
    "A107": _("Communicate (other outside counsel)"),
    "A108": _("Communicate (other external)"),
    "A109": _("Appear for/attend"),
    "A110": _("Manage data/files"),
    "A111": _("Other"),
}

EXPENSES: dict[str, "StrOrPromise"] = {
    "E101": _("Copying"),
    "E102": _("Outside printing"),
    "E103": _("Word processing"),
    "E104": _("Facsimile"),
    "E105": _("Telephone"),
    "E106": _("Online research"),
    "E107": _("Delivery services/messengers"),
    "E108": _("Postage"),
    "E109": _("Local travel"),
    "E110": _("Out-of-town travel"),
    "E111": _("Meals"),
    "E112": _("Court fees"),
    "E113": _("Subpoena fees"),
    "E114": _("Witness fees"),
    "E115": _("Deposition transcripts"),
    "E116": _("Trial transcripts"),
    "E117": _("Trial exhibits"),
    "E118": _("Litigation support vendors"),
    "E119": _("Experts"),
    "E120": _("Private investigators"),
    "E121": _("Arbitrators/mediators"),
    "E122": _("Local counsel"),
    "E123": _("Other professionals"),
    "E124": _("Other"),
}


def phase_name(code: str) -> "StrOrPromise | None":
    """The name of a phase (L100, L200, ... L500), None for anything else."""
    return PHASES.get(code)


def task_name(code: str) -> "StrOrPromise | None":
    """The name of a litigation task (L110 ... L530), None for an unknown code or a phase."""
    return TASKS.get(code)


def activity_name(code: str) -> "StrOrPromise | None":
    """The name of an activity (A101 ... A111), None for an unknown code."""
    return ACTIVITIES.get(code)


def expense_name(code: str) -> "StrOrPromise | None":
    """The name of an expense (E101 ... E124), None for an unknown code."""
    return EXPENSES.get(code)


def phase_of(task: str) -> str | None:
    """The phase a known task belongs to (L330 -> L300), None for an unknown task."""
    if task not in TASKS:
        return None
    return task[:2] + "00"
