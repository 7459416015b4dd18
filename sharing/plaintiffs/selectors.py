"""Finding plaintiff entities by name: the reports form's "did you mean" and the suggestion endpoint."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from rapidfuzz import fuzz

from sharing.plaintiffs.models import PlaintiffAlias, PlaintiffEntity
from sharing.plaintiffs.names import normalize_party_name, party_name_keys

SUGGESTION_LIMIT = 10
CANDIDATES = 200  # names the database hands to rapidfuzz for ranking, at most
NEAR_LIMIT, NEAR_SCORE = 3, 85  # "did you mean": at most three names, each at least this similar (0 to 100)


def plaintiff_near_names(*, entities: QuerySet[PlaintiffEntity], name: str) -> list[PlaintiffEntity]:
    """ "Did you mean": those of `entities` whose names come close to `name` when no known spelling matches it.
    Nothing is merged: the reporter chooses a spelling, or moderators merge later (sharing.campaigns.merging)."""
    keys = party_name_keys(name)
    if not keys or PlaintiffAlias.objects.filter(entity__in=entities.values("pk"), key__in=keys).exists():
        return []
    return plaintiff_suggestions(entities=entities, text=name, limit=NEAR_LIMIT, min_score=NEAR_SCORE)


def plaintiff_suggestions(
    *, entities: QuerySet[PlaintiffEntity], text: str, limit: int = SUGGESTION_LIMIT, min_score: float = 0
) -> list[PlaintiffEntity]:
    """Those of `entities` (a scoped queryset) one of whose names is nearest to what was typed, best first:
    prefixes as typed so far, words in another order, a typo after a word's third letter; case, punctuation
    and corporate suffixes ignored.

    The database hands over a bounded set of candidate names, rapidfuzz ranks them. On PostgreSQL the
    candidates are the names having a word that starts with each typed word (an index lookup of the words,
    sharing.campaigns migration 0003), looser prefixes while that finds too few (see _looser); elsewhere,
    prefix and substring matches."""
    key = normalize_party_name(" ".join((text or "").split()))
    if not key:
        return []
    in_scope = PlaintiffAlias.objects.filter(Exists(entities.filter(pk=OuterRef("entity_id"))))
    if connection.vendor == "postgresql":
        words = in_scope.annotate(words=SearchVector("key", config="simple"))
        found: set[tuple[int, str]] = set()
        for prefixes in _looser(key.split()):
            found |= set(_first(words.filter(words=_prefixes(prefixes))))
            if len({entity_id for entity_id, _key in found}) >= limit:
                break
    else:
        found = set(_first(in_scope.filter(_near(key))))
    ranked: dict[int, float] = {}
    for (entity_id, _alias_key), score in sorted(
        ((choice, _score(key, choice[1])) for choice in found), key=lambda item: (-item[1], item[0][1])
    ):
        if score < min_score:
            break
        ranked.setdefault(entity_id, score)
        if len(ranked) == limit:
            break
    entities_found = PlaintiffEntity.objects.in_bulk(list(ranked))
    return [entities_found[entity_id] for entity_id in ranked if entity_id in entities_found]


def _first(aliases: QuerySet[PlaintiffAlias]) -> list[tuple[int, str]]:
    return list(aliases.values_list("entity_id", "key")[:CANDIDATES])


def _looser(words: list[str]) -> list[list[str]]:
    """Word prefixes to look names up by, each set looser than the one before: the words as typed; their first
    three letters (a typo later in a word); with two words or more, their first letters (a typo early in a
    word: each name having a word starting with each letter is a candidate, rapidfuzz ranks them)."""
    levels = [words, [word[:3] for word in words]]
    if len(words) > 1:
        levels.append([word[:1] for word in words])
    return [level for n, level in enumerate(levels) if level not in levels[:n]]


def _prefixes(prefixes: list[str]) -> SearchQuery:
    """Names having, for each of `prefixes`, a word that starts with it (the "simple" text search configuration:
    no stemming, no stop words; the words of a normalized key are letters and digits only)."""
    return SearchQuery(" & ".join(f"{prefix}:*" for prefix in prefixes), search_type="raw", config="simple")


def _near(key: str) -> Q:
    """Candidate names for `key` elsewhere than PostgreSQL: prefix and substring matches, and names sharing the
    first three letters of a word (so a typo later in a word, or words in another order, still find them)."""
    near = Q(key__startswith=key) | Q(key__contains=key)
    for word in key.split()[:3]:
        near |= Q(key__contains=word[:3])
    return near


def _score(typed: str, name: str) -> float:
    """How well a name matches what was typed, 0 to 100: a name that starts with it ranks first, then the
    best of the whole-name and word-set similarities."""
    prefix = 100.0 if name.startswith(typed) else 0.0
    return max(prefix, fuzz.WRatio(typed, name), fuzz.token_set_ratio(typed, name) - 1)
