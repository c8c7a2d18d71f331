"""The demo clips' words, in Dutch and English, written from the facts of the source document.

Each transcript segment: (time code, speaker key or None for the narrator, Dutch, English).
The caption files in `demo_media/` are made from these transcripts (`write_caption_files()`).
"""

from dataclasses import dataclass

INDEX = {
    "title": ("Kennisclips", "Knowledge clips"),
    "slug": ("kennisclips", "knowledge-clips"),
    "intro": (
        "In drie korte kennisclips laten de werkteamleden nieuwe vormen van ontmoeting en "
        "samenwerking zien tussen (aankomende) professionals en bewoners, die verbondenheid "
        "en veerkracht versterken.",
        "In three short knowledge clips the work team members show new ways for (future) "
        "professionals and residents to meet and work together, strengthening connectedness "
        "and resilience.",
    ),
}

NARRATOR = ("Verteller", "Narrator")
VIDEO_SECONDS = 24


@dataclass(frozen=True)
class DemoClip:
    key: str
    video: str  # file name in demo_media/, without extension for the captions
    palette: str
    title: tuple[str, str]
    slug: tuple[str, str]
    subtitle: tuple[str, str]
    description: tuple[str, str]
    body: list[tuple[str, str, str]]  # (kind "h" or "p", Dutch, English)
    transcript: list[tuple[str, str | None, str, str]]
    themes: list[str]
    people: list[str]
    publication_date: str
    duration_seconds: int = VIDEO_SECONDS


CLIPS = [
    DemoClip(
        key="samen-bewegen",
        video="samen-bewegen",
        palette="teal",
        title=("Samen bewegen zorgt voor verbinding", "Moving together creates connection"),
        slug=("samen-bewegen-zorgt-voor-verbinding", "moving-together-creates-connection"),
        subtitle=(
            "Op weg naar het verminderen van eenzaamheid",
            "On the way to less loneliness",
        ),
        description=(
            "Een voorbeeld van een interventie die verbondenheid en veerkracht vergroot bij "
            "ouderen die niet meer zelfstandig kunnen fietsen, maar dat nog wel graag willen.",
            "An example of an intervention that builds connectedness and resilience among older "
            "people who can no longer cycle on their own but would still love to.",
        ),
        body=[
            ("h", "Waarom samen bewegen?", "Why move together?"),
            (
                "p",
                "Wie niet meer alleen kan fietsen, komt minder buiten en ziet minder mensen. "
                "Door samen te bewegen ontstaat contact vanzelf: onderweg, naast elkaar, zonder "
                "dat het gesprek het doel hoeft te zijn.",
                "People who can no longer cycle alone go out less and see fewer people. Moving "
                "together makes contact happen by itself: on the way, side by side, without "
                "the conversation having to be the point.",
            ),
            ("h", "Wat je in de clip ziet", "What the clip shows"),
            (
                "p",
                "Werkteamleden en studenten vertellen hoe de interventie tot stand kwam en wat "
                "ze deelnemers zagen winnen aan verbondenheid en veerkracht.",
                "Work team members and students tell how the intervention came about and how "
                "they saw participants gain connectedness and resilience.",
            ),
        ],
        transcript=[
            (
                "00:00",
                None,
                "Veel ouderen hebben hun hele leven gefietst, maar kunnen dat nu niet meer alleen.",
                "Many older people cycled all their lives, but can no longer do it on their own.",
            ),
            (
                "00:02",
                None,
                "Toch willen ze graag weer naar buiten: de wind voelen en de buurt zien.",
                "Yet they would love to go out again: to feel the wind and see the neighbourhood.",
            ),
            (
                "00:05",
                "helma",
                "Samen bewegen bleek een mooie manier om mensen met elkaar in contact te brengen.",
                "Moving together turned out to be a lovely way to bring people into contact.",
            ),
            (
                "00:07",
                "helma",
                "Iemand fietst mee, zodat de oudere weer een rondje door de wijk kan maken.",
                "Someone rides along, so that the older person can tour the neighbourhood again.",
            ),
            (
                "00:10",
                "michelle",
                "Onderweg ontstaan gesprekken die in een huiskamer niet vanzelf op gang komen.",
                "On the way, conversations start that would not begin by themselves indoors.",
            ),
            (
                "00:12",
                "michelle",
                "Je ziet mensen opleven zodra ze weer buiten zijn.",
                "You see people come alive as soon as they are outside again.",
            ),
            (
                "00:15",
                "helma",
                "Het gaat niet alleen om het fietsen, maar om het gevoel erbij te horen.",
                "It is not only about cycling, but about the feeling of belonging.",
            ),
            (
                "00:17",
                None,
                "Bewoners, studenten en professionals dachten de aanpak samen uit.",
                "Residents, students and professionals worked out the approach together.",
            ),
            (
                "00:20",
                None,
                "Zo draagt samen bewegen bij aan minder eenzaamheid en meer veerkracht.",
                "In this way moving together helps reduce loneliness and build resilience.",
            ),
            (
                "00:22",
                None,
                "Op weg naar een wijk waarin niemand er alleen voor staat.",
                "On the way to a neighbourhood where nobody has to face things alone.",
            ),
        ],
        themes=["loneliness", "older_people", "encounters"],
        people=["helma", "michelle"],
        publication_date="2019-06-14",
    ),
    DemoClip(
        key="duurzaam-op-pad",
        video="duurzaam-op-pad",
        palette="terracotta",
        title=("Duurzaam op pad", "Lasting connections on the road"),
        slug=("duurzaam-op-pad", "lasting-connections-on-the-road"),
        subtitle=(
            "Een initiatief dat verbondenheid bevordert",
            "An initiative that fosters connectedness",
        ),
        description=(
            "Iedere bewoner, sociaal professional of beleidsprofessional kan een verschil maken "
            "door oprechte ontmoetingen. Denk vooraf na over hoe contacten blijven bestaan.",
            "Every resident, social professional or policy professional can make a difference "
            "through genuine encounters. Think beforehand about how contacts can last.",
        ),
        body=[
            ("h", "Oprechte ontmoetingen", "Genuine encounters"),
            (
                "p",
                "Een ontmoeting kan veel betekenen, maar is ook snel weer voorbij. De clip laat "
                "zien waarom het loont om al vóór een activiteit na te denken over wat erna komt.",
                "An encounter can mean a lot, but it is also over quickly. The clip shows why it "
                "pays to think about what comes next before an activity even starts.",
            ),
            ("h", "Contacten verduurzamen", "Making contacts last"),
            (
                "p",
                "Wie afspreekt hoe mensen elkaar terugzien, maakt van een losse ontmoeting het "
                "begin van verbondenheid en veerkracht.",
                "Agreeing on how people will see each other again turns a single encounter into "
                "the start of connectedness and resilience.",
            ),
        ],
        transcript=[
            (
                "00:00",
                None,
                "Iedere bewoner, sociaal professional of beleidsprofessional kan een "
                "verschil maken.",
                "Every resident, social professional or policy professional can make a difference.",
            ),
            (
                "00:02",
                None,
                "Dat begint bij een oprechte ontmoeting.",
                "It starts with a genuine encounter.",
            ),
            (
                "00:05",
                "saskia",
                "Een eerste kennismaking is waardevol, maar ook snel weer voorbij.",
                "A first meeting is valuable, but it is also over quickly.",
            ),
            (
                "00:07",
                "saskia",
                "Daarom denken we vooraf na: hoe zorgen we dat het contact blijft?",
                "So we think ahead: how do we make sure the contact lasts?",
            ),
            (
                "00:10",
                "siham",
                "We spreken af wie wie opzoekt en waar mensen elkaar kunnen terugzien.",
                "We agree who will visit whom and where people can meet again.",
            ),
            (
                "00:12",
                "siham",
                "Zo wordt een losse activiteit het begin van iets dat blijft.",
                "That way a single activity becomes the start of something that stays.",
            ),
            (
                "00:15",
                "saskia",
                "Blijvende contacten geven mensen houvast als het even tegenzit.",
                "Lasting contacts give people something to hold on to when times are hard.",
            ),
            (
                "00:17",
                None,
                "Dat is veerkracht: weten dat er iemand is bij wie je terechtkunt.",
                "That is resilience: knowing there is someone you can turn to.",
            ),
            (
                "00:20",
                None,
                "Denk daarom al vóór een ontmoeting na over wat erna komt.",
                "So think about what comes next before the encounter takes place.",
            ),
            (
                "00:22",
                None,
                "Samen op pad, en samen verder.",
                "On the road together, and onwards together.",
            ),
        ],
        themes=["encounters", "loneliness", "learning"],
        people=["saskia", "siham"],
        publication_date="2019-09-20",
    ),
    DemoClip(
        key="de-hand-van-een-ander",
        video="de-hand-van-een-ander",
        palette="plum",
        title=(
            "De hand van een ander leren kennen verbindt",
            "Getting to know another person's hand connects",
        ),
        slug=("de-hand-van-een-ander-leren-kennen-verbindt", "getting-to-know-another-hand"),
        subtitle=("Een werkvorm voor een verdiepend gesprek", "A working method for a deeper talk"),
        description=(
            "Een werkvorm die in korte tijd een verdiepend gesprek oplevert over verbondenheid "
            "en veerkracht.",
            "A working method that quickly leads to a deeper conversation about connectedness "
            "and resilience.",
        ),
        body=[
            ("h", "Zo werkt het", "How it works"),
            (
                "p",
                "Deelnemers bekijken in tweetallen elkaars hand en stellen elkaar vragen over wat "
                "die hand heeft gedaan en meegemaakt. Binnen een paar minuten gaat het gesprek "
                "over wat mensen verbindt en waar ze kracht uit halen.",
                "In pairs, participants look at each other's hand and ask what that hand has done "
                "and been through. Within minutes the conversation turns to what connects people "
                "and where they find strength.",
            ),
        ],
        transcript=[
            (
                "00:00",
                None,
                "Hoe kom je in korte tijd tot een echt gesprek?",
                "How do you get to a real conversation in a short time?",
            ),
            (
                "00:02",
                "elizabeth",
                "We vragen deelnemers om in tweetallen naar elkaars hand te kijken.",
                "We ask participants to look at each other's hand in pairs.",
            ),
            (
                "00:05",
                "elizabeth",
                "Wat heeft deze hand gedaan? Waar is hij goed in? Wat heeft hij meegemaakt?",
                "What has this hand done? What is it good at? What has it been through?",
            ),
            (
                "00:07",
                "rachida",
                "Eerst is het even ongemakkelijk, maar al snel komen de verhalen.",
                "At first it feels a little awkward, but the stories soon come.",
            ),
            (
                "00:10",
                "rachida",
                "Over werk, over zorgen voor een ander, over momenten dat het moeilijk was.",
                "About work, about caring for someone, about moments when life was hard.",
            ),
            (
                "00:12",
                "elizabeth",
                "Zo praat je binnen een paar minuten over verbondenheid en veerkracht.",
                "Within minutes you are talking about connectedness and resilience.",
            ),
            (
                "00:15",
                None,
                "De werkvorm past bij bewoners, studenten en professionals.",
                "The method suits residents, students and professionals alike.",
            ),
            (
                "00:17",
                "rachida",
                "Je ziet de ander opeens op een heel andere manier.",
                "Suddenly you see the other person in a completely different way.",
            ),
            (
                "00:20",
                None,
                "Een kleine oefening die laat zien hoe je van en met elkaar leert.",
                "A small exercise that shows how to learn from and with each other.",
            ),
            (
                "00:22",
                None,
                "Probeer het zelf: wat vertelt jouw hand?",
                "Try it yourself: what does your hand tell?",
            ),
        ],
        themes=["learning", "encounters", "young_adults"],
        people=["elizabeth", "rachida"],
        publication_date="2019-11-08",
    ),
]
