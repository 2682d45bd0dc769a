"""A skill's photo: only real pictures come in, every one is re-encoded clean, and only the
owner (or a therapist shown everything, never for a private skill) can see it."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from copejar.sharing.models import AccessLogEntry
from journal.services import skill_delete
from skills.models import CopingSkill
from skills.photos import clean_photo
from skills.services import skill_set_photo
from tests.conftest import make_grant, picture_bytes

GPS_TAG = 0x8825


def _upload(client, skill, data: bytes, name: str = "photo.jpg"):
    url = reverse("skills:photo", kwargs={"code": skill.code})
    return client.post(url, {"photo": SimpleUploadedFile(name, data)})


def _stored(skill) -> bytes:
    skill.refresh_from_db()
    with default_storage.open(skill.photo.name, "rb") as stored:
        return stored.read()


def _gps_jpeg() -> bytes:
    image = Image.new("RGB", (120, 80), (30, 140, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0112] = 6  # orientation: turned on its side
    exif.get_ifd(GPS_TAG).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_a_gps_tagged_photo_comes_back_with_no_exif_and_upright(alice_client, walk):
    data = _gps_jpeg()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_TAG)  # the file does carry it

    response = _upload(alice_client, walk, data)

    assert response.status_code == 302
    stored = Image.open(io.BytesIO(_stored(walk)))
    assert stored.format == "JPEG"
    assert not stored.getexif()
    assert "exif" not in stored.info and "xmp" not in stored.info
    assert b"PhoneMaker" not in _stored(walk)
    assert stored.size == (80, 120)  # the orientation tag was applied, then dropped
    with default_storage.open(walk.photo_small.name) as small:
        assert Image.open(small).size == (320, 320)


def test_a_decompression_bomb_is_refused_with_a_word_on_the_field(alice_client, walk):
    bomb = io.BytesIO()
    Image.new("1", (14_000, 14_000)).save(bomb, "PNG")  # 196 megapixels in a few kilobytes
    assert len(bomb.getvalue()) < 100_000

    response = _upload(alice_client, walk, bomb.getvalue(), "bomb.png")

    assert response.status_code == 200
    assert "more than 40 megapixels" in response.content.decode()
    walk.refresh_from_db()
    assert not walk.has_photo


def test_a_picture_over_40_megapixels_is_refused(alice_client, walk):
    big = io.BytesIO()
    Image.new("1", (7_000, 6_000)).save(big, "PNG")  # 42 megapixels: under Pillow's own limit

    response = _upload(alice_client, walk, big.getvalue(), "big.png")

    assert "more than 40 megapixels" in response.content.decode()
    assert not CopingSkill.objects.get(pk=walk.pk).has_photo


def test_a_png_with_html_appended_is_stored_re_encoded(alice_client, walk):
    sneaky = picture_bytes("PNG") + b"<html><script>alert('hi')</script></html>"

    _upload(alice_client, walk, sneaky, "cat.png")

    stored = _stored(walk)
    assert stored.startswith(b"\xff\xd8")  # a fresh JPEG
    assert b"<script" not in stored and b"<html" not in stored


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.4 not a picture at all", "JPEG, PNG or WebP"),
        (picture_bytes("GIF"), "JPEG, PNG or WebP"),
        (picture_bytes("JPEG", size=(400, 300))[:700], "cut short"),
        (picture_bytes("PNG", size=(400, 300))[:-40], "cut short"),
    ],
    ids=["not an image", "a gif", "a truncated jpeg", "a truncated png"],
)
def test_what_is_not_a_whole_photo_is_refused(alice_client, walk, data, says):
    response = _upload(alice_client, walk, data)
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not CopingSkill.objects.get(pk=walk.pk).has_photo


def test_a_file_over_10_mb_is_refused_before_it_is_kept(alice_client, walk):
    response = _upload(alice_client, walk, b"\xff\xd8" + b"\0" * (11 * 1024 * 1024))
    assert "larger than 10 MB" in response.content.decode()
    assert not CopingSkill.objects.get(pk=walk.pk).has_photo


def test_webp_is_taken_and_kept_as_jpeg(alice_client, walk):
    _upload(alice_client, walk, picture_bytes("WEBP"), "p.webp")
    assert _stored(walk).startswith(b"\xff\xd8")


def test_the_owner_sees_the_photo_privately_and_never_sniffed(alice_client, walk):
    skill_set_photo(skill=walk, photo=clean_photo(picture_bytes()))
    response = alice_client.get(reverse("skills:photo_full", kwargs={"code": walk.code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"\xff\xd8")


def test_a_stranger_gets_404_for_the_photo(client, charlie, walk):
    skill_set_photo(skill=walk, photo=clean_photo(picture_bytes()))
    client.force_login(charlie)
    for name in ("skills:photo_full", "skills:photo_small", "skills:photo"):
        assert client.get(reverse(name, kwargs={"code": walk.code})).status_code == 404


@pytest.mark.parametrize(("scope", "status"), [("jars", 404), ("logs", 404), ("everything", 200)])
def test_a_therapist_sees_a_photo_only_with_everything(client, alice, bob, walk, scope, status):
    skill_set_photo(skill=walk, photo=clean_photo(picture_bytes()))
    grant = make_grant(alice, bob, scope=scope)
    client.force_login(bob)
    url = reverse("care:photo", kwargs={"code": grant.code, "skill": walk.code})

    response = client.get(url)

    assert response.status_code == status
    logged = AccessLogEntry.objects.filter(owner=alice, page="photo")
    assert logged.count() == (1 if status == 200 else 0)
    if status == 200:
        assert response["Cache-Control"] == "private, no-store"
        assert logged.get().detail == "Walk the dog"


def test_a_private_skills_photo_is_never_shown_to_a_therapist(client, alice, bob, walk):
    walk.private = True
    walk.save()
    skill_set_photo(skill=walk, photo=clean_photo(picture_bytes()))
    grant = make_grant(alice, bob, scope="everything")
    client.force_login(bob)
    url = reverse("care:photo", kwargs={"code": grant.code, "skill": walk.code})
    assert client.get(url).status_code == 404
    assert (
        "See the photo"
        not in client.get(reverse("care:jars", kwargs={"code": grant.code})).content.decode()
    )


def test_a_therapists_jars_page_links_the_photo_only_while_there_is_one(client, alice, bob, walk):
    walk.description = "Around the block."
    walk.save()
    grant = make_grant(alice, bob, scope="everything")
    alice_client = Client()
    alice_client.force_login(alice)
    client.force_login(bob)
    jars = reverse("care:jars", kwargs={"code": grant.code})
    assert "See the photo" not in client.get(jars).content.decode()  # kept from here on

    assert _upload(alice_client, walk, picture_bytes()).status_code == 302
    assert "See the photo kept with Walk the dog" in client.get(jars).content.decode()

    alice_client.post(reverse("skills:photo_remove", kwargs={"code": walk.code}))
    assert "See the photo" not in client.get(jars).content.decode()


def test_replacing_and_deleting_remove_the_files(walk, django_capture_on_commit_callbacks):
    skill_set_photo(skill=walk, photo=clean_photo(picture_bytes()))
    first = [walk.photo.name, walk.photo_small.name]
    assert all(default_storage.exists(name) for name in first)
    with django_capture_on_commit_callbacks(execute=True):
        skill_set_photo(skill=walk, photo=clean_photo(picture_bytes(colour=(1, 2, 3))))
    assert not any(default_storage.exists(name) for name in first)  # replaced, not piled up
    second = [walk.photo.name, walk.photo_small.name]

    with django_capture_on_commit_callbacks(execute=True):
        skill_delete(skill=walk)

    assert not any(default_storage.exists(name) for name in second)
