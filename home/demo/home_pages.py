"""The home pages' demo text, written from the facts of the work team's source document."""

from home.models import HomePage

HOME_CONTENT = {
    "nl": {
        "search_description": (
            "Kennisclips, blogs en onderzoek van het werkteam Verbondenheid en veerkracht "
            "(2018-2019) over het samen tegengaan van eenzaamheid."
        ),
        "sections": [
            (
                "Van en met elkaar leren",
                "Van januari 2018 tot en met november 2019 werkte het werkteam Verbondenheid en "
                "veerkracht aan één vraag: wat is er nodig voor meer verbondenheid en veerkracht "
                "in de stad, en hoe gaan we eenzaamheid samen tegen? Beleidsprofessionals van de "
                "gemeente, uitvoerende professionals uit de wijk, studenten en docent-onderzoekers "
                "deelden hun kennis en deden samen nieuwe ervaringen op. Later sloten bewoners en "
                "vrijwilligers aan.",
            ),
            (
                "Wat we uitprobeerden",
                "De werkteamleden zetten activiteiten en werkvormen in die verbondenheid en "
                "veerkracht stimuleren, en wisselden zo oplossingsrichtingen tegen eenzaamheid "
                "uit. In drie kennisclips laten ze nieuwe vormen van ontmoeting en samenwerking "
                "zien tussen (aankomende) professionals en bewoners.",
            ),
            (
                "Wat het opleverde",
                "Een van de werkteamleden evalueerde het samen leren in een masteronderzoek. Er "
                "werd kennis gedeeld en samen nieuwe kennis gecreëerd, er was sprake van "
                "professioneel leren, en het onderzoek laat zien welke werkzame factoren daaraan "
                "bijdroegen.",
            ),
        ],
    },
    "en": {
        "search_description": (
            "Knowledge clips, blog posts and research by the Connectedness and Resilience work "
            "team (2018-2019) on countering loneliness together."
        ),
        "sections": [
            (
                "Learning from and with each other",
                "From January 2018 to November 2019 the Verbondenheid en veerkracht "
                "(connectedness and resilience) work team worked on one question: what does a "
                "city need for more connectedness and resilience, and how do we counter "
                "loneliness together? Municipal policy staff, neighbourhood practitioners, "
                "students and lecturer-researchers shared what they knew and gained new "
                "experience side by side. Later, residents and volunteers joined them.",
            ),
            (
                "What we tried",
                "Team members used activities and working methods that encourage connectedness "
                "and resilience, and in doing so exchanged ways of countering loneliness. Three "
                "knowledge clips show new ways for (future) professionals and residents to meet "
                "and work together.",
            ),
            (
                "What it brought",
                "One of the team members evaluated this shared learning in a master's study. "
                "Knowledge was shared and created together, professional learning took place, "
                "and the study shows which effective factors contributed to it.",
            ),
        ],
    },
}


def _body(sections):
    blocks = []
    for heading, text in sections:
        blocks.append({"type": "heading", "value": {"text": heading, "level": "h2"}})
        blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
    return blocks


def fill_home_pages() -> list[HomePage]:
    """Give each empty home page its demo text and publish it. Edited pages are left alone."""
    filled = []
    for home in HomePage.objects.select_related("locale"):
        content = HOME_CONTENT.get(home.locale.language_code)
        if content is None or home.body:
            continue
        home.body = _body(content["sections"])
        home.search_description = content["search_description"]
        home.save_revision(log_action=True).publish()
        filled.append(home)
    return filled
