"""Admin search by study code, as editors and Samordna opptak write it."""

from django.db.models import Value
from django.db.models.functions import Replace


class StudyCodeSearch:
    """Admin mixin: a search for a study code finds its rows written with or without the
    space ("2151210", as Samordna opptak and the import write it, finds "215 1210").
    ``study_code_path`` leads from a row to its study code."""

    study_code_path = "study_code"

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        bare = "".join(search_term.split()).upper()
        if bare.isalnum() and any(c.isdigit() for c in bare):
            code = Replace(self.study_code_path, Value(" "), Value(""))
            results |= queryset.alias(bare_code=code).filter(bare_code=bare)
        return results, may_have_duplicates
