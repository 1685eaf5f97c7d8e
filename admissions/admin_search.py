"""Admin search by study code, as editors and Samordna opptak write it."""

from django.db.models import Value
from django.db.models.functions import Replace


def with_study_code(queryset, search_term, path="study_code"):
    """The rows of ``queryset`` whose study code (at ``path``) is ``search_term`` written with
    or without its space ("2151210", as Samordna opptak and the import write it, finds
    "215 1210"); None when the term cannot be a study code."""
    bare = "".join(search_term.split()).upper()
    if not (bare.isalnum() and any(c.isdigit() for c in bare)):
        return None
    return queryset.alias(bare_code=Replace(path, Value(" "), Value(""))).filter(bare_code=bare)


class StudyCodeSearch:
    """Admin mixin: the search also finds rows by their study code (``with_study_code``).
    ``study_code_path`` leads from a row to its study code."""

    study_code_path = "study_code"

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        found = with_study_code(queryset, search_term, self.study_code_path)
        return (results if found is None else results | found), may_have_duplicates
