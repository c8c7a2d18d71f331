"""The demo blog's texts, Dutch with English, written from the topics the source document names.

Each body item is (kind, Dutch, English) with kind "h" (heading), "p" (paragraph) or "q" (quote).
The texts describe experiences in general terms on purpose: no figures or facts that the source
does not give.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DemoPost:
    slug: str
    slug_en: str
    title: tuple[str, str]
    date: date
    authors: tuple[str, ...]
    themes: tuple[str, ...]
    intro: tuple[str, str]
    body: tuple[tuple[str, str, str], ...]
    # (palette, Dutch alt text, English alt text), or None for a post without hero image
    image: tuple[str, str, str] | None = None


INDEX = {
    "title": ("Blog", "Blog"),
    "slug": ("blog", "blog"),
    "intro": (
        "Lees de blogs van de werkteamleden en studenten",
        "Read the blog posts of the work team members and students",
    ),
}

POSTS = [
    DemoPost(
        slug="helma-over-de-aanpak-van-eenzaamheid",
        slug_en="helma-on-tackling-loneliness",
        title=(
            "Werkteamlid Helma over de aanpak van eenzaamheid",
            "Work team member Helma on tackling loneliness",
        ),
        date=date(2018, 3, 15),
        authors=("helma",),
        themes=("loneliness", "learning"),
        intro=(
            "Eenzaamheid pak je niet alleen aan. Helma vertelt waarom het werkteam begint bij "
            "elkaars kennis en ervaring.",
            "You do not tackle loneliness on your own. Helma explains why the work team starts "
            "from each other's knowledge and experience.",
        ),
        image=(
            "teal",
            "Cirkels in blauwgroen die elkaar overlappen, als mensen die elkaar ontmoeten.",
            "Overlapping teal circles, like people meeting each other.",
        ),
        body=(
            (
                "p",
                "Wie over eenzaamheid praat, heeft het al snel over cijfers en doelgroepen. In "
                "ons werkteam proberen we eerst iets anders: luisteren naar wat professionals, "
                "studenten en bewoners zelf zien gebeuren in de wijk. Daar begint voor mij de "
                "aanpak van eenzaamheid.",
                "When people talk about loneliness, they soon talk about numbers and target "
                "groups. In our work team we try something else first: listening to what "
                "professionals, students and residents see happening in the neighbourhood "
                "themselves. For me, that is where tackling loneliness begins.",
            ),
            (
                "h",
                "Geen kant-en-klare oplossing",
                "No ready-made solution",
            ),
            (
                "p",
                "Eenzaamheid heeft veel gezichten. De een mist een vertrouwd gesprek, de ander "
                "voelt zich niet gezien in een drukke omgeving. Daarom geloof ik niet in één "
                "programma dat voor iedereen werkt. Wel geloof ik in mensen die elkaar opzoeken "
                "en samen uitzoeken wat er nodig is.",
                "Loneliness has many faces. One person misses a familiar conversation, another "
                "does not feel seen in a busy place. That is why I do not believe in a single "
                "programme that works for everyone. I do believe in people who seek each other "
                "out and work out together what is needed.",
            ),
            (
                "p",
                "Als beleidsprofessional zie ik vooral plannen en afspraken. Mijn collega's uit "
                "de wijk zien de mensen achter die plannen. In het werkteam brengen we die twee "
                "blikken samen. Dat schuurt soms, en juist dat levert nieuwe inzichten op.",
                "As a policy professional I mostly see plans and agreements. My colleagues from "
                "the neighbourhood see the people behind those plans. In the work team we bring "
                "these two views together. Sometimes that chafes, and that is exactly what "
                "brings new insights.",
            ),
            (
                "q",
                "Iedereen kan een verschil maken door een oprechte ontmoeting.",
                "Anyone can make a difference through a genuine encounter.",
            ),
            (
                "p",
                "We proberen werkvormen uit in onze eigen bijeenkomsten voordat we ze in de wijk "
                "inzetten. Zo ervaren we zelf hoe het is om iets persoonlijks te delen met "
                "iemand die je nog maar net kent. Dat maakt ons voorzichtiger en tegelijk "
                "moediger.",
                "We try out working methods in our own meetings before we use them in the "
                "neighbourhood. That way we experience for ourselves what it is like to share "
                "something personal with someone you have only just met. It makes us more "
                "careful and, at the same time, braver.",
            ),
            (
                "p",
                "Mijn voornemen voor de komende tijd is eenvoudig: vaker vragen stellen en "
                "minder snel invullen wat een ander nodig heeft. Ik ben benieuwd wat dat "
                "oplevert, en ik deel het hier graag met jullie.",
                "My intention for the time ahead is simple: to ask more questions and to be "
                "slower to decide what someone else needs. I am curious what that will bring, "
                "and I am glad to share it with you here.",
            ),
        ),
    ),
    DemoPost(
        slug="elizabeth-stelt-zich-voor",
        slug_en="elizabeth-introduces-herself",
        title=(
            "Werkteamlid Elizabeth stelt zich voor",
            "Work team member Elizabeth introduces herself",
        ),
        date=date(2018, 2, 8),
        authors=("elizabeth",),
        themes=("encounters", "learning"),
        intro=(
            "Elizabeth is een van de werkteamleden. Ze vertelt waarom verbondenheid haar drijft "
            "en wat ze hoopt te leren.",
            "Elizabeth is one of the work team members. She tells what drives her to build "
            "connectedness and what she hopes to learn.",
        ),
        image=(
            "terracotta",
            "Terracotta cirkels op een lichte achtergrond, dicht bij elkaar.",
            "Terracotta circles on a light background, close together.",
        ),
        body=(
            (
                "p",
                "Graag stel ik mij even voor. Ik ben Elizabeth en sinds de start van het "
                "werkteam Verbondenheid en veerkracht denk ik mee over de vraag hoe we "
                "eenzaamheid samen kunnen tegengaan.",
                "Let me introduce myself. I am Elizabeth, and since the start of the "
                "Verbondenheid en veerkracht work team I have been thinking along about how we "
                "can counter loneliness together.",
            ),
            (
                "p",
                "Wat mij drijft is de overtuiging dat iedereen ergens bij wil horen. Dat gevoel "
                "ontstaat niet vanzelf. Het groeit in kleine momenten: een groet op straat, een "
                "buurvrouw die even aanbelt, een gesprek dat langer duurt dan gepland.",
                "What drives me is the conviction that everyone wants to belong somewhere. That "
                "feeling does not come about by itself. It grows in small moments: a greeting "
                "in the street, a neighbour who rings the bell, a conversation that lasts "
                "longer than planned.",
            ),
            (
                "h",
                "Waarom dit werkteam",
                "Why this work team",
            ),
            (
                "p",
                "In mijn werk merk ik dat we vaak langs elkaar heen werken. Iedereen doet zijn "
                "best, maar ieder vanuit een eigen organisatie en een eigen opdracht. In dit "
                "werkteam zitten beleidsmakers, mensen uit de wijk, studenten en "
                "docent-onderzoekers aan één tafel. Dat vind ik bijzonder.",
                "In my work I notice that we often work past each other. Everyone does their "
                "best, but each from their own organisation and their own assignment. In this "
                "work team, policy makers, people from the neighbourhood, students and "
                "lecturer-researchers sit at one table. I find that special.",
            ),
            (
                "p",
                "Ik hoop vooral te leren van de studenten. Zij kijken met frisse ogen naar ons "
                "werk en stellen vragen die wij onszelf niet meer stellen. Tegelijk hoop ik dat "
                "zij iets meenemen van de praktijk die wij kennen.",
                "Above all, I hope to learn from the students. They look at our work with fresh "
                "eyes and ask questions we no longer ask ourselves. At the same time, I hope "
                "they take something with them from the practice we know.",
            ),
            (
                "p",
                "In de komende blogs neem ik jullie mee in wat we uitproberen. Soms zal dat "
                "goed gaan, soms minder. Ook dat hoort bij van en met elkaar leren.",
                "In the posts to come I will take you along in what we try out. Sometimes it "
                "will go well, sometimes less so. That too is part of learning from and with "
                "each other.",
            ),
        ),
    ),
    DemoPost(
        slug="saskia-over-eenzaamheid",
        slug_en="saskia-on-loneliness",
        title=("Werkteamlid Saskia over eenzaamheid", "Work team member Saskia on loneliness"),
        date=date(2018, 6, 21),
        authors=("saskia",),
        themes=("loneliness", "encounters"),
        intro=(
            "Eenzaamheid is niet altijd zichtbaar. Saskia beschrijft hoe professionals er oog "
            "voor kunnen krijgen.",
            "Loneliness is not always visible. Saskia describes how professionals can learn "
            "to notice it.",
        ),
        body=(
            (
                "p",
                "Eenzaamheid is een woord dat veel mensen liever niet hardop zeggen. Wie zich "
                "eenzaam voelt, schaamt zich er soms voor. Dat maakt het voor professionals "
                "lastig om het te herkennen en bespreekbaar te maken.",
                "Loneliness is a word many people would rather not say out loud. People who "
                "feel lonely are sometimes ashamed of it. That makes it hard for professionals "
                "to recognise it and to talk about it.",
            ),
            (
                "p",
                "Alleen zijn en eenzaam zijn zijn niet hetzelfde. Iemand kan veel mensen om zich "
                "heen hebben en zich toch niet verbonden voelen. Een ander woont alleen en voelt "
                "zich prima. Het gaat om hoe iemand zijn contacten zelf ervaart.",
                "Being alone and being lonely are not the same. Someone can have many people "
                "around them and still not feel connected. Someone else lives alone and feels "
                "fine. What matters is how a person experiences their own contacts.",
            ),
            (
                "h",
                "Kijken en vragen",
                "Looking and asking",
            ),
            (
                "p",
                "In het werkteam oefenen we met kijken en vragen. Wat zie je als je bij iemand "
                "binnenkomt? Welke vraag nodigt uit tot een echt antwoord, en welke vraag sluit "
                "het gesprek juist af? Kleine verschillen in hoe je iets vraagt, maken veel uit.",
                "In the work team we practise looking and asking. What do you see when you "
                "visit someone? Which question invites a real answer, and which one closes the "
                "conversation instead? Small differences in how you ask something matter a lot.",
            ),
            (
                "p",
                "Wat mij raakt is hoe vaak een ontmoeting klein begint. Een kop koffie, een "
                "wandeling, een gesprek over iets heel anders. Pas later komt ter sprake wat "
                "iemand echt bezighoudt.",
                "What moves me is how often an encounter starts small. A cup of coffee, a walk, "
                "a chat about something else entirely. Only later does what really occupies "
                "someone come up.",
            ),
            (
                "q",
                "Een ontmoeting begint vaak klein, en groeit als je er tijd voor neemt.",
                "An encounter often starts small, and grows when you give it time.",
            ),
            (
                "p",
                "Ik neem uit onze bijeenkomsten vooral geduld mee. Verbondenheid laat zich niet "
                "afdwingen, maar je kunt er wel ruimte voor maken.",
                "What I take from our meetings above all is patience. Connectedness cannot be "
                "forced, but you can make room for it.",
            ),
        ),
    ),
    DemoPost(
        slug="rachida-over-eenzaamheid-onder-jongvolwassenen",
        slug_en="rachida-on-loneliness-among-young-adults",
        title=(
            "Studente Rachida over eenzaamheid onder jongvolwassenen",
            "Student Rachida on loneliness among young adults",
        ),
        date=date(2018, 10, 11),
        authors=("rachida",),
        themes=("young_adults", "loneliness"),
        intro=(
            "Eenzaamheid is niet alleen iets van ouderen. Rachida verdiepte zich in "
            "jongvolwassenen die zich eenzaam voelen.",
            "Loneliness is not only something older people face. Rachida looked into young "
            "adults who feel lonely.",
        ),
        image=(
            "plum",
            "Paarse cirkels van verschillende grootte die elkaar raken.",
            "Purple circles of different sizes touching each other.",
        ),
        body=(
            (
                "p",
                "Toen ik aan dit onderwerp begon, dacht ik bij eenzaamheid vooral aan ouderen. "
                "In gesprekken met medestudenten en professionals merkte ik dat jongvolwassenen "
                "er ook mee te maken hebben, alleen praten ze er minder over.",
                "When I started on this topic, I mainly thought of older people when I heard "
                "the word loneliness. In conversations with fellow students and professionals I "
                "noticed that young adults face it too; they just talk about it less.",
            ),
            (
                "p",
                "De periode tussen ongeveer achttien en dertig jaar zit vol overgangen. Je gaat "
                "studeren of werken, verhuist misschien, vriendschappen veranderen. Dat zijn "
                "momenten waarop verbindingen kunnen verslappen.",
                "The years between roughly eighteen and thirty are full of transitions. You "
                "start studying or working, perhaps move house, friendships change. Those are "
                "moments when connections can weaken.",
            ),
            (
                "h",
                "Verbonden online, alleen offline",
                "Connected online, alone offline",
            ),
            (
                "p",
                "Jongeren lijken altijd in contact met elkaar. Toch vertelden verschillende "
                "mensen me dat veel online contact niet hetzelfde voelt als iemand die echt "
                "naast je zit. Dat verschil wordt soms onderschat.",
                "Young people seem to be in touch with each other all the time. Yet several "
                "people told me that a lot of online contact does not feel the same as someone "
                "who really sits next to you. That difference is sometimes underestimated.",
            ),
            (
                "p",
                "Wat mij opviel, is dat jongvolwassenen zich snel verantwoordelijk voelen voor "
                "hun eigen eenzaamheid. Ze denken dat het aan hen ligt. Erover praten helpt om "
                "te zien dat ze niet de enige zijn.",
                "What struck me is that young adults quickly feel responsible for their own "
                "loneliness. They think it is their own fault. Talking about it helps them see "
                "they are not the only ones.",
            ),
            (
                "p",
                "Voor professionals betekent dit dat ze ook bij jongere mensen alert mogen zijn "
                "op signalen van eenzaamheid. Een open vraag op het goede moment kan een "
                "gesprek op gang brengen.",
                "For professionals this means they can be alert to signs of loneliness in "
                "younger people too. An open question at the right moment can start a "
                "conversation.",
            ),
            (
                "p",
                "In het werkteam kon ik mijn bevindingen delen met mensen uit de praktijk. Hun "
                "vragen hebben mijn blik verbreed. Zo leerde ik niet alleen over eenzaamheid, "
                "maar ook over samenwerken.",
                "In the work team I could share my findings with people from practice. Their "
                "questions broadened my view. In this way I learned not only about loneliness, "
                "but also about working together.",
            ),
        ),
    ),
    DemoPost(
        slug="siham-over-professionals-en-eenzame-jongeren",
        slug_en="siham-on-professionals-and-lonely-young-people",
        title=(
            "Studente Siham over haar afstudeeronderzoek naar professionals en eenzame jongeren",
            "Student Siham on her graduation research into professionals and lonely young people",
        ),
        date=date(2019, 5, 16),
        authors=("siham",),
        themes=("young_adults", "learning"),
        intro=(
            "Hoe kijken professionals naar eenzame jongeren, en wat hebben ze nodig? Siham "
            "vertelt over haar afstudeeronderzoek.",
            "How do professionals view lonely young people, and what do they need? Siham talks "
            "about her graduation research.",
        ),
        image=(
            "ochre",
            "Okerkleurige cirkels die deels over elkaar heen vallen.",
            "Ochre circles partly overlapping each other.",
        ),
        body=(
            (
                "p",
                "Voor mijn afstudeeronderzoek wilde ik weten hoe professionals in het sociaal "
                "domein eenzaamheid bij jongeren herkennen en wat ze dan doen. Het werkteam gaf "
                "me de kans om dicht bij de praktijk te onderzoeken.",
                "For my graduation research I wanted to know how professionals in the social "
                "domain recognise loneliness in young people and what they do next. The work "
                "team gave me the chance to do research close to practice.",
            ),
            (
                "h",
                "Mijn vraag",
                "My question",
            ),
            (
                "p",
                "Mijn vraag was eenvoudig geformuleerd, maar lastig te beantwoorden: wat hebben "
                "professionals nodig om eenzame jongeren op tijd te bereiken? Ik sprak met "
                "professionals over hun ervaringen en legde hun verhalen naast elkaar.",
                "My question was simply worded but hard to answer: what do professionals need "
                "to reach lonely young people in time? I talked with professionals about their "
                "experiences and compared their stories.",
            ),
            (
                "p",
                "Veel professionals gaven aan dat jongeren zelden met de vraag komen dat ze zich "
                "eenzaam voelen. Het komt ter sprake via iets anders, zoals school, werk of "
                "thuis. Dat vraagt om een brede blik en om tijd voor een tweede gesprek.",
                "Many professionals said that young people rarely come to them saying they feel "
                "lonely. It comes up through something else, such as school, work or home. That "
                "calls for a broad view and time for a second conversation.",
            ),
            (
                "p",
                "Ook samenwerking kwam steeds terug. Een jongere heeft vaak met meerdere "
                "organisaties te maken. Als die elkaar kennen en weten wat de ander doet, kan "
                "een jongere makkelijker worden doorverwezen naar iets wat past.",
                "Collaboration came up again and again as well. A young person often deals with "
                "several organisations. When these know each other and what the other does, a "
                "young person can more easily be referred to something that fits.",
            ),
            (
                "q",
                "Jongeren komen zelden met het woord eenzaam binnen; het zit verstopt in andere "
                "verhalen.",
                "Young people rarely walk in with the word lonely; it is hidden in other stories.",
            ),
            (
                "p",
                "Het werkteam was voor mij een plek om mijn eerste ideeën te toetsen. De "
                "gesprekken met werkteamleden hielpen me om mijn vragen scherper te maken en "
                "mijn bevindingen in gewone taal uit te leggen.",
                "For me the work team was a place to test my first ideas. The conversations "
                "with team members helped me sharpen my questions and explain my findings in "
                "plain language.",
            ),
        ),
    ),
    DemoPost(
        slug="michelle-over-haar-afstudeeronderzoek",
        slug_en="michelle-on-her-graduation-research",
        title=(
            "Studente Michelle over haar afstudeeronderzoek naar eenzaamheid",
            "Student Michelle on her graduation research into loneliness",
        ),
        date=date(2019, 6, 27),
        authors=("michelle",),
        themes=("loneliness", "learning"),
        intro=(
            "Michelle deed haar afstudeeronderzoek naar eenzaamheid. Ze vertelt wat ze leerde "
            "over het onderwerp en over onderzoek doen in een werkteam.",
            "Michelle wrote her graduation research on loneliness. She shares what she learned "
            "about the topic and about doing research within a work team.",
        ),
        body=(
            (
                "p",
                "Eenzaamheid is een onderwerp waar iedereen wel een beeld bij heeft. Voor mijn "
                "afstudeeronderzoek wilde ik verder kijken dan dat eerste beeld en begrijpen wat "
                "eenzaamheid betekent voor de mensen die het ervaren.",
                "Loneliness is a topic everyone has some picture of. For my graduation research "
                "I wanted to look beyond that first picture and understand what loneliness means "
                "for the people who experience it.",
            ),
            (
                "p",
                "Ik begon met lezen en met luisteren. In het werkteam hoorde ik hoe "
                "professionals en bewoners eenzaamheid tegenkomen. Die verhalen maakten de "
                "theorie concreet en lieten zien hoe verschillend eenzaamheid eruit kan zien.",
                "I started by reading and by listening. In the work team I heard how "
                "professionals and residents come across loneliness. Those stories made the "
                "theory concrete and showed how differently loneliness can look.",
            ),
            (
                "h",
                "Onderzoek doen met de praktijk",
                "Doing research with practice",
            ),
            (
                "p",
                "Onderzoek doen binnen een werkteam is anders dan alleen achter je laptop "
                "zitten. Je deelt tussentijdse ideeën, krijgt meteen reactie en moet soms je "
                "plan bijstellen. Dat was spannend, maar het maakte mijn onderzoek beter.",
                "Doing research within a work team is different from sitting behind your laptop "
                "alone. You share ideas along the way, get feedback straight away and sometimes "
                "have to adjust your plan. That was exciting, but it made my research better.",
            ),
            (
                "p",
                "Een belangrijk inzicht voor mij was dat je eenzaamheid niet kunt oplossen voor "
                "iemand. Je kunt wel samen zoeken naar wat iemand helpt om zich meer verbonden "
                "te voelen. Dat begint bij aandacht en bij het serieus nemen van iemands eigen "
                "verhaal.",
                "An important insight for me was that you cannot solve loneliness for someone. "
                "You can, however, search together for what helps a person feel more connected. "
                "That starts with attention and with taking someone's own story seriously.",
            ),
            (
                "p",
                "Ik ben dankbaar voor de openheid van de werkteamleden. Ze deelden niet alleen "
                "hun successen, maar ook hun twijfels. Dat heeft me geleerd dat twijfel bij "
                "professioneel werk hoort.",
                "I am grateful for the openness of the team members. They shared not only their "
                "successes but also their doubts. That taught me that doubt is part of "
                "professional work.",
            ),
        ),
    ),
    DemoPost(
        slug="terugblik-op-de-startbijeenkomst",
        slug_en="looking-back-at-the-first-meeting",
        title=("Terugblik op de startbijeenkomst", "Looking back at the first meeting"),
        date=date(2018, 1, 25),
        authors=("helma",),
        themes=("learning", "encounters"),
        intro=(
            "In januari 2018 kwam het werkteam voor het eerst bij elkaar. Een korte terugblik.",
            "In January 2018 the work team met for the first time. A short look back.",
        ),
        body=(
            (
                "p",
                "De eerste bijeenkomst van het werkteam begon met kennismaken. Wie ben je, waar "
                "werk of studeer je, en waarom zit je hier? Al snel bleek hoe verschillend onze "
                "achtergronden zijn.",
                "The work team's first meeting began with getting to know each other. Who are "
                "you, where do you work or study, and why are you here? It soon became clear "
                "how different our backgrounds are.",
            ),
            (
                "p",
                "We spraken af dat iedereen evenveel te zeggen heeft, of je nu beleid maakt, in "
                "de wijk werkt of nog studeert. Van en met elkaar leren werkt alleen als "
                "iedereen zijn kennis durft in te brengen.",
                "We agreed that everyone has an equal say, whether you make policy, work in the "
                "neighbourhood or are still studying. Learning from and with each other only "
                "works when everyone dares to bring in what they know.",
            ),
        ),
    ),
    DemoPost(
        slug="werkvorm-de-hand-van-een-ander",
        slug_en="working-method-the-hand-of-another",
        title=(
            "Werkvorm: de hand van een ander leren kennen",
            "Working method: getting to know someone else's hand",
        ),
        date=date(2018, 4, 19),
        authors=("saskia",),
        themes=("encounters",),
        intro=(
            "Een werkvorm die in korte tijd een verdiepend gesprek kan opleveren over "
            "verbondenheid en veerkracht.",
            "A working method that can lead to a deeper conversation about connectedness and "
            "resilience in a short time.",
        ),
        image=(
            "moss",
            "Groene cirkels als twee handen die elkaar naderen.",
            "Green circles like two hands reaching towards each other.",
        ),
        body=(
            (
                "p",
                "In een van onze bijeenkomsten probeerden we een werkvorm uit waarbij je de hand "
                "van een ander leert kennen. Je kijkt samen naar een hand en vraagt naar wat die "
                "hand heeft gedaan en meegemaakt.",
                "In one of our meetings we tried a working method in which you get to know "
                "another person's hand. You look at a hand together and ask about what that "
                "hand has done and been through.",
            ),
            (
                "p",
                "Het klinkt eenvoudig, maar het gesprek wordt vaak snel persoonlijk. Over werk, "
                "over zorg voor anderen, over wat iemand kracht geeft. Zo ontstaat in korte tijd "
                "een gesprek over verbondenheid en veerkracht.",
                "It sounds simple, but the conversation often becomes personal quickly. About "
                "work, about caring for others, about what gives someone strength. In this way "
                "a conversation about connectedness and resilience arises in a short time.",
            ),
            (
                "p",
                "Tip: laat de ander zelf kiezen hoeveel hij of zij wil vertellen. De werkvorm "
                "nodigt uit, maar dwingt niets af.",
                "Tip: let the other person choose how much they want to tell. The method "
                "invites, but forces nothing.",
            ),
        ),
    ),
    DemoPost(
        slug="wat-we-leerden-van-samen-bewegen",
        slug_en="what-we-learned-from-moving-together",
        title=("Wat we leerden van samen bewegen", "What we learned from moving together"),
        date=date(2018, 9, 6),
        authors=("elizabeth",),
        themes=("older_people", "encounters"),
        intro=(
            "Samen bewegen zorgt voor verbinding, ook bij ouderen die niet meer zelfstandig "
            "kunnen fietsen.",
            "Moving together creates connection, also for older people who can no longer cycle "
            "on their own.",
        ),
        body=(
            (
                "p",
                "Een van de voorbeelden die we in het werkteam bespraken, ging over ouderen die "
                "niet meer zelfstandig kunnen fietsen maar dat wel graag willen. Samen op pad "
                "gaan geeft hun weer een stukje vrijheid.",
                "One of the examples we discussed in the work team was about older people who "
                "can no longer cycle on their own but would love to. Going out together gives "
                "them back a piece of freedom.",
            ),
            (
                "p",
                "Wat mij opviel: het gaat niet alleen om de rit. Het gesprek onderweg, het "
                "samen buiten zijn en het vooruitzien naar de volgende keer maken net zo goed "
                "verschil.",
                "What struck me: it is not only about the ride. The conversation along the way, "
                "being outdoors together and looking forward to the next time make just as much "
                "of a difference.",
            ),
        ),
    ),
    DemoPost(
        slug="kennis-delen-tussen-gemeente-en-wijk",
        slug_en="sharing-knowledge-between-council-and-neighbourhood",
        title=(
            "Reflectie: kennis delen tussen gemeente en wijk",
            "Reflection: sharing knowledge between council and neighbourhood",
        ),
        date=date(2018, 11, 22),
        authors=("helma", "saskia"),
        themes=("learning",),
        intro=(
            "Helma en Saskia blikken terug op wat beleid en praktijk van elkaar leerden.",
            "Helma and Saskia look back on what policy and practice learned from each other.",
        ),
        body=(
            (
                "p",
                "Beleid en praktijk spreken niet altijd dezelfde taal. In het werkteam merkten "
                "we dat we eerst moesten uitleggen wat we met bepaalde woorden bedoelen, voordat "
                "we echt konden samenwerken.",
                "Policy and practice do not always speak the same language. In the work team we "
                "found that we first had to explain what we mean by certain words before we "
                "could really work together.",
            ),
            (
                "p",
                "Door bij elkaar mee te kijken, begrepen we beter waarom de ander keuzes maakt. "
                "Dat heeft ons werk niet makkelijker gemaakt, wel beter afgestemd.",
                "By looking over each other's shoulders, we better understood why the other "
                "makes the choices they make. That did not make our work easier, but it made it "
                "better aligned.",
            ),
        ),
    ),
    DemoPost(
        slug="studenten-in-het-werkteam",
        slug_en="students-in-the-work-team",
        title=(
            "Studenten in het werkteam: een eerste indruk",
            "Students in the work team: first impressions",
        ),
        date=date(2019, 1, 17),
        authors=("rachida", "michelle"),
        themes=("learning", "young_adults"),
        intro=(
            "Rachida en Michelle vertellen hoe het is om als studente mee te doen in een "
            "werkteam met professionals.",
            "Rachida and Michelle describe what it is like to take part as students in a work "
            "team with professionals.",
        ),
        body=(
            (
                "p",
                "In het begin vonden we het spannend om aan tafel te zitten met ervaren "
                "professionals. Hebben wij wel iets toe te voegen? Dat gevoel verdween toen "
                "bleek dat onze vragen serieus werden genomen.",
                "At first we found it daunting to sit at the table with experienced "
                "professionals. Do we have anything to add? That feeling disappeared when it "
                "turned out our questions were taken seriously.",
            ),
            (
                "p",
                "We leren hier dingen die niet in een studieboek staan: hoe je samenwerkt met "
                "mensen uit verschillende organisaties, en hoe je een idee uitprobeert in de "
                "praktijk.",
                "We learn things here that are not in any textbook: how to work with people from "
                "different organisations, and how to try out an idea in practice.",
            ),
        ),
    ),
    DemoPost(
        slug="duurzaam-op-pad",
        slug_en="lasting-connections",
        title=("Duurzaam op pad: contacten die blijven", "Lasting connections: contacts that stay"),
        date=date(2019, 3, 7),
        authors=("saskia",),
        themes=("encounters", "loneliness"),
        intro=(
            "Een ontmoeting is een begin. Saskia over nadenken, vooraf, over contacten die "
            "blijven.",
            "An encounter is a beginning. Saskia on thinking ahead about contacts that last.",
        ),
        body=(
            (
                "p",
                "Een geslaagde activiteit voelt goed, maar wat gebeurt er daarna? In het "
                "werkteam leerden we dat het loont om al vooraf na te denken over hoe contacten "
                "kunnen blijven bestaan.",
                "A successful activity feels good, but what happens afterwards? In the work "
                "team we learned that it pays to think beforehand about how contacts can last.",
            ),
            (
                "p",
                "Wie spreekt de volgende afspraak af? Waar kunnen mensen elkaar weer tegenkomen? "
                "Door zulke vragen op tijd te stellen, wordt een eenmalige ontmoeting vaker het "
                "begin van iets blijvends.",
                "Who arranges the next meeting? Where can people run into each other again? "
                "By asking such questions in time, a one-off encounter more often becomes the "
                "start of something lasting.",
            ),
        ),
    ),
    DemoPost(
        slug="werkvorm-begin-bij-de-vraag",
        slug_en="working-method-start-with-the-question",
        title=(
            "Werkvorm: begin bij de vraag, niet bij het antwoord",
            "Working method: start with the question, not the answer",
        ),
        date=date(2019, 8, 29),
        authors=("elizabeth",),
        themes=("learning",),
        intro=(
            "Een eenvoudige afspraak die onze gesprekken in het werkteam veranderde.",
            "A simple agreement that changed the conversations in our work team.",
        ),
        body=(
            (
                "p",
                "Bij het bespreken van een casus hadden we vaak al snel een oplossing. Daarom "
                "spraken we af om eerst alleen vragen te stellen, en pas daarna ideeën te delen.",
                "When discussing a case, we often had a solution very quickly. So we agreed to "
                "ask only questions first, and to share ideas only after that.",
            ),
            (
                "p",
                "Het was wennen, maar het leverde rijkere gesprekken op. We ontdekten dat we de "
                "situatie vaak anders zagen dan we eerst dachten.",
                "It took getting used to, but it led to richer conversations. We discovered that "
                "we often saw the situation differently than we first thought.",
            ),
        ),
    ),
    DemoPost(
        slug="terugblik-van-en-met-elkaar-leren",
        slug_en="looking-back-learning-from-and-with-each-other",
        title=(
            "Terugblik: bijna twee jaar van en met elkaar leren",
            "Looking back: almost two years of learning from and with each other",
        ),
        date=date(2019, 11, 14),
        authors=("helma", "elizabeth"),
        themes=("learning", "loneliness"),
        intro=(
            "Het werkteam rondt zijn werk af. Helma en Elizabeth kijken terug op wat het samen "
            "leren opleverde.",
            "The work team is wrapping up. Helma and Elizabeth look back on what learning "
            "together brought.",
        ),
        image=(
            "teal",
            "Blauwgroene cirkels, groot en klein, in een rustige compositie.",
            "Teal circles, large and small, in a calm composition.",
        ),
        body=(
            (
                "p",
                "Van januari 2018 tot en met november 2019 werkten we samen in het werkteam "
                "Verbondenheid en veerkracht. We deelden kennis, deden samen nieuwe ervaringen op "
                "en leerden van en met elkaar.",
                "From January 2018 to November 2019 we worked together in the Verbondenheid en "
                "veerkracht work team. We shared knowledge, gained new experiences together and "
                "learned from and with each other.",
            ),
            (
                "p",
                "Wat we meenemen, is vooral een andere manier van kijken. Naar eenzaamheid, naar "
                "elkaars werk en naar wat er nodig is voor meer verbondenheid in de stad. Dat "
                "is misschien wel de belangrijkste opbrengst.",
                "What we take with us is above all a different way of looking. At loneliness, at "
                "each other's work and at what a city needs for more connectedness. That may "
                "well be the most important result.",
            ),
        ),
    ),
]
