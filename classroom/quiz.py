"""A chapter's self-check quiz for learning platforms: a QTI 1.2 package and Moodle XML.

Both are made from the chapter's front matter. A question with options is multiple choice, its
answer the one right option; a question without options asks for a written answer, which no
platform can mark by itself, so it becomes an essay question with the model answer and the
explanation as the feedback a student sees after answering (and the teacher while marking).
"""

from lxml import etree

from macros.chapters import ChapterMeta, QuizQuestion, sentence
from macros.i18n import say

from . import stable_zip
from .lesson import plain

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
LETTERS = "ABCDEFGH"


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    node = etree.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def feedback(question: QuizQuestion, lang: str = "en") -> str:
    """What a student reads after answering: the right answer and why. In Arabic the answer is
    named by its words alone: platforms letter the options in Latin letters, or not at all."""
    if question.options and lang == "en":
        right = f"{LETTERS[question.options.index(question.answer)]}. {question.answer}"
        return f"{sentence(plain(right))} {plain(question.explanation)}"
    label = say(lang, "quiz-right-answer" if question.options else "quiz-good-answer")
    return f"{label} {sentence(plain(question.answer))} {plain(question.explanation)}"


def quiz_title(number: int, title: str, lang: str = "en") -> str:
    """The quiz's name on a platform: Chapter 2 self-check: The offensive, ..."""
    return say(lang, "quiz-title", n=number, title=title.split(". ", 1)[-1])


# --- QTI 1.2 ---------------------------------------------------------------------------------

def _field(parent, label: str, entry: str) -> None:
    field = _sub(parent, "qtimetadatafield")
    _sub(field, "fieldlabel", label)
    _sub(field, "fieldentry", entry)


def _material(parent, text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype="text/plain")


def qti_item(section, ident: str, n: int, question: QuizQuestion, lang: str = "en") -> None:
    """One question as a QTI 1.2 item, in the shape Canvas and its followers import."""
    item = _sub(section, "item", ident=ident, title=say(lang, "quiz-item", n=n))
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    kind = "multiple_choice_question" if question.options else "essay_question"
    _field(meta, "question_type", kind)
    _field(meta, "points_possible", "1.0")
    presentation = _sub(item, "presentation")
    _material(presentation, plain(question.question))
    if question.options:
        response = _sub(presentation, "response_lid", ident="response1", rcardinality="Single")
        choices = _sub(response, "render_choice")
        for letter, option in zip(LETTERS, question.options):
            _material(_sub(choices, "response_label", ident=f"{ident}-{letter}"), plain(option))
    else:
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE",
         vartype="Decimal")
    always = _sub(processing, "respcondition", continue_="Yes")
    _sub(_sub(always, "conditionvar"), "other")
    _sub(always, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    if question.options:
        right = _sub(processing, "respcondition", continue_="No")
        letter = LETTERS[question.options.index(question.answer)]
        _sub(_sub(right, "conditionvar"), "varequal", f"{ident}-{letter}", respident="response1")
        _sub(right, "setvar", "100", action="Set", varname="SCORE")
    general = _sub(_sub(item, "itemfeedback", ident="general_fb"), "flow_mat")
    _material(general, feedback(question, lang))


def qti_assessment(ident: str, title: str, meta: ChapterMeta, lang: str = "en") -> bytes:
    """The quiz as a QTI 1.2 assessment document."""
    root = etree.Element("questestinterop", nsmap={None: QTI_NS})
    assessment = _sub(root, "assessment", ident=ident, title=title)
    _field(_sub(assessment, "qtimetadata"), "cc_maxattempts", "unlimited")
    section = _sub(assessment, "section", ident="root_section")
    for n, question in enumerate(meta.quiz, start=1):
        qti_item(section, f"{ident}-{question.id}", n, question, lang)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def qti_manifest(ident: str, href: str) -> bytes:
    """The package's imsmanifest.xml (IMS Content Packaging 1.1), naming the assessment."""
    root = etree.Element("manifest", identifier=f"{ident}-manifest", nsmap={None: CP_NS})
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resource = _sub(_sub(root, "resources"), "resource", identifier=ident,
                    type="imsqti_xmlv1p2", href=href)
    _sub(resource, "file", href=href)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def qti_package(ident: str, title: str, meta: ChapterMeta, lang: str = "en") -> bytes:
    """The quiz as a QTI 1.2 zip: imsmanifest.xml and the assessment, the same bytes every time."""
    href = f"{ident}/{ident}.xml"
    return stable_zip([("imsmanifest.xml", qti_manifest(ident, href)),
                       (href, qti_assessment(ident, title, meta, lang))])


# --- Moodle XML ------------------------------------------------------------------------------

def _text(parent, tag: str, text: str, **attrs) -> None:
    _sub(_sub(parent, tag, **attrs), "text", text)


def moodle_xml(category: str, meta: ChapterMeta, lang: str = "en") -> bytes:
    """The quiz as Moodle XML, in a question bank category of its own."""
    root = etree.Element("quiz")
    head = _sub(root, "question", type="category")
    _text(head, "category", f"$course$/top/{category}")
    for n, question in enumerate(meta.quiz, start=1):
        kind = "multichoice" if question.options else "essay"
        node = _sub(root, "question", type=kind)
        _text(node, "name", f"{n}. {question.id}")
        _text(node, "questiontext", plain(question.question), format="plain_text")
        _text(node, "generalfeedback", feedback(question, lang), format="plain_text")
        _sub(node, "defaultgrade", "1")
        _sub(node, "penalty", "0")
        if question.options:
            _sub(node, "single", "true")
            _sub(node, "shuffleanswers", "false")
            _sub(node, "answernumbering", "ABCD" if lang == "en" else "none")
            for option in question.options:
                answer = _sub(node, "answer", fraction="100" if option == question.answer else "0",
                              format="plain_text")
                _sub(answer, "text", plain(option))
                _text(answer, "feedback", "", format="plain_text")
        else:
            _sub(node, "responseformat", "editor")
            _sub(node, "responserequired", "1")
            _sub(node, "responsefieldlines", "5")
            _text(node, "graderinfo", feedback(question, lang), format="plain_text")
            _text(node, "responsetemplate", "", format="plain_text")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
