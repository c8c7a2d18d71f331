"""The demo's people and themes, from the work team's source document, in Dutch and English."""

from wagtail.models import Locale

from home.demo.images import make_demo_image
from home.demo.translation import translate_with
from home.snippets import Person, PersonRole, Theme

# key: (name, role, Dutch bio, English bio)
PEOPLE = {
    "helma": (
        "Helma",
        PersonRole.TEAM_MEMBER,
        "Werkteamlid en beleidsprofessional; schrijft over de aanpak van eenzaamheid in de stad.",
        "Work team member and policy professional; writes about tackling loneliness in the city.",
    ),
    "elizabeth": (
        "Elizabeth",
        PersonRole.TEAM_MEMBER,
        "Werkteamlid; stelt zich voor en vertelt waarom verbondenheid haar drijft.",
        "Work team member; introduces herself and what drives her to build connectedness.",
    ),
    "saskia": (
        "Saskia",
        PersonRole.TEAM_MEMBER,
        "Werkteamlid; deelt haar kijk op eenzaamheid en wat professionals eraan kunnen doen.",
        "Work team member; shares her view of loneliness and what professionals can do.",
    ),
    "rachida": (
        "Rachida",
        PersonRole.STUDENT,
        "Studente; onderzocht eenzaamheid onder jongvolwassenen.",
        "Student; studied loneliness among young adults.",
    ),
    "siham": (
        "Siham",
        PersonRole.STUDENT,
        "Studente; deed haar afstudeeronderzoek naar professionals en eenzame jongeren.",
        "Student; wrote her graduation research on professionals and lonely young people.",
    ),
    "michelle": (
        "Michelle",
        PersonRole.STUDENT,
        "Studente; deed haar afstudeeronderzoek naar eenzaamheid.",
        "Student; wrote her graduation research on loneliness.",
    ),
}

# key: (Dutch name, Dutch slug, Dutch description, English name, English slug, English description)
THEMES = {
    "loneliness": (
        "Eenzaamheid",
        "eenzaamheid",
        "Wat eenzaamheid is, wie het treft en hoe je het samen tegengaat.",
        "Loneliness",
        "loneliness",
        "What loneliness is, whom it affects and how to counter it together.",
    ),
    "encounters": (
        "Ontmoeting",
        "ontmoeting",
        "Oprechte ontmoetingen tussen bewoners, professionals en studenten.",
        "Encounters",
        "encounters",
        "Genuine encounters between residents, professionals and students.",
    ),
    "learning": (
        "Van en met elkaar leren",
        "van-en-met-elkaar-leren",
        "Professioneel en transformatief leren in het sociaal domein.",
        "Learning from and with each other",
        "learning-together",
        "Professional and transformative learning in the social domain.",
    ),
    "young_adults": (
        "Jongvolwassenen",
        "jongvolwassenen",
        "Eenzaamheid onder jongeren en jongvolwassenen.",
        "Young adults",
        "young-adults",
        "Loneliness among young people and young adults.",
    ),
    "older_people": (
        "Ouderen",
        "ouderen",
        "Verbondenheid en veerkracht bij ouderen in de wijk.",
        "Older people",
        "older-people",
        "Connectedness and resilience among older people in the neighbourhood.",
    ),
}

PORTRAIT_PALETTES = ["teal", "terracotta", "ochre", "plum", "moss", "teal"]


def ensure_people_and_themes() -> tuple[dict[str, Person], dict[str, Theme]]:
    """Dutch people and themes with English translations; returns the Dutch ones by key."""
    dutch = Locale.objects.get(language_code="nl")
    people = {}
    for (key, (name, role, bio_nl, bio_en)), palette in zip(
        PEOPLE.items(), PORTRAIT_PALETTES, strict=True
    ):
        person, created = Person.objects.get_or_create(
            locale=dutch,
            name=name,
            defaults={
                "role": role,
                "bio": bio_nl,
                "photo": make_demo_image(f"Portret {name}", palette, size=(600, 600)),
            },
        )
        if created:
            translate_with(person, {name: name, bio_nl: bio_en})
        people[key] = person
    themes = {}
    for key, (name_nl, slug_nl, text_nl, name_en, slug_en, text_en) in THEMES.items():
        theme, created = Theme.objects.get_or_create(
            locale=dutch, slug=slug_nl, defaults={"name": name_nl, "description": text_nl}
        )
        if created:
            translate_with(theme, {name_nl: name_en, slug_nl: slug_en, text_nl: text_en})
        themes[key] = theme
    return people, themes
