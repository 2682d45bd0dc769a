"""Writes to coping skills that do more than save one form."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from copejar.accounts.once import once
from copejar.accounts.services import history_changed
from skills import palette
from skills.models import CopingSkill, Kind
from skills.photos import CleanPhoto
from skills.starters import BY_KEY


def _rock_for(*, owner, kind: str, colour: str, shape: str) -> tuple[str, str]:
    """Keep a chosen colour and shape that fit the jar; pick the rest automatically."""
    negative = kind == Kind.NEGATIVE
    index = CopingSkill.objects.for_user(owner).filter(kind=kind).count()
    if not colour or not palette.fits_kind(colour, negative=negative):
        colour = palette.pick_colour(negative=negative, index=index)
    if shape not in palette.SHAPES:
        shape = palette.pick_shape(index=index)
    return colour, shape


def skill_create(*, owner, **fields) -> CopingSkill:
    """A new skill in the owner's jar."""
    return skill_add(owner=owner, **fields)[0]


@transaction.atomic
def skill_add(
    *,
    owner,
    name: str,
    kind: str,
    category: str = "",
    description: str = "",
    rock_colour: str = "",
    rock_shape: str = "",
    what_it_does: str = "",
    harm_reduction: str = "",
    not_ready: bool = False,
    private: bool = False,
    created_at: datetime | None = None,
    once_key: uuid.UUID | None = None,
) -> tuple[CopingSkill, bool]:
    """A new skill in the owner's jar, and whether this call made it: under a one-time key
    already used, the skill that key made is returned instead."""
    colour, shape = _rock_for(owner=owner, kind=kind, colour=rock_colour, shape=rock_shape)
    skill = CopingSkill(
        owner=owner,
        name=name,
        kind=kind,
        category=category,
        description=description,
        rock_colour=colour,
        rock_shape=shape,
        what_it_does=what_it_does,
        harm_reduction=harm_reduction,
        not_ready=not_ready,
        private=private,
        created_at=created_at or timezone.now(),
    )
    skill, new = once(skill, once_key, CopingSkill.objects.filter(owner=owner))
    if new:
        history_changed(owner)
    return skill, new


@transaction.atomic
def skill_update(*, skill: CopingSkill, **fields) -> CopingSkill:
    for name, value in fields.items():
        setattr(skill, name, value)
    skill.rock_colour, skill.rock_shape = _rock_for(
        owner=skill.owner, kind=skill.kind, colour=skill.rock_colour, shape=skill.rock_shape
    )
    skill.save()
    history_changed(skill.owner)
    return skill


def skill_add_starter(*, owner, key: str) -> CopingSkill | None:
    """Add one of the suggested skills to the Jar O' Copes; adding it twice keeps one rock."""
    starter = BY_KEY.get(key)
    if starter is None:
        return None
    existing = CopingSkill.objects.for_user(owner).filter(name__in=starter.names).first()
    if existing is not None:
        return existing
    return skill_create(
        owner=owner,
        name=str(starter.name),
        kind=Kind.COPES,
        category=starter.category,
        description=str(starter.description),
    )


@transaction.atomic
def skill_set_alternatives(*, skill: CopingSkill, alternatives) -> CopingSkill:
    """Link a negative skill to the Jar O' Copes skills to offer first during an urge toward it."""
    if any(other.owner_id != skill.owner_id or other.is_negative for other in alternatives):
        raise ValueError("Alternatives are the same person's Jar O' Copes skills.")
    # A linked rock that is put aside stays linked, and is offered again when it comes back.
    put_aside = list(skill.alternatives.filter(archived_at__isnull=False))
    skill.alternatives.set([*alternatives, *put_aside])
    history_changed(skill.owner)
    return skill


@transaction.atomic
def skill_set_archived(*, skill: CopingSkill, archived: bool) -> CopingSkill:
    skill.archived_at = timezone.now() if archived else None
    skill.save(update_fields=["archived_at"])
    history_changed(skill.owner)
    return skill


def forget_files(names: Iterable[str]) -> None:
    """Delete stored files once the transaction that stopped pointing at them has committed
    (right away outside one); a rolled-back change keeps them."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def photo_files(skill: CopingSkill) -> list[str]:
    """The stored files of a skill's photo (none when it has no photo)."""
    return [name for name in (skill.photo.name, skill.photo_small.name) if name]


def skill_set_photo(*, skill: CopingSkill, photo: CleanPhoto) -> CopingSkill:
    """Keep a cleaned photo with the skill, in place of the one it had."""
    key = uuid.uuid4().hex
    full = default_storage.save(f"photos/{key}.jpg", ContentFile(photo.full))
    small = default_storage.save(f"photos/{key}-small.jpg", ContentFile(photo.small))
    try:
        with transaction.atomic():
            forget_files(photo_files(skill))
            skill.photo, skill.photo_small = full, small
            skill.photo_width, skill.photo_height = photo.width, photo.height
            skill.save(update_fields=["photo", "photo_small", "photo_width", "photo_height"])
            history_changed(skill.owner)  # pages that link to the photo are drawn again
    except BaseException:
        default_storage.delete(full)
        default_storage.delete(small)
        raise
    return skill


@transaction.atomic
def skill_remove_photo(*, skill: CopingSkill) -> CopingSkill:
    forget_files(photo_files(skill))
    skill.photo = skill.photo_small = ""
    skill.photo_width = skill.photo_height = None
    skill.save(update_fields=["photo", "photo_small", "photo_width", "photo_height"])
    history_changed(skill.owner)  # no page may go on linking to it
    return skill
