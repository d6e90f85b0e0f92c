"""The self-check quiz: plain text and folded answers without JavaScript and on paper; with it
(quiz.js, loaded as the reader nears the quiz), buttons, verdicts, a score and "Try again"."""

import re

import pytest

from macros.chapters import load_meta, render_quiz
from test_chapters import META

CHAPTER = "chapters/01-syria-since-2011/"       # questions 1-3 have options, 4 a written answer


def test_a_question_with_options_names_its_right_letter():
    html = render_quiz(load_meta("chapters/02-x.md", META))
    assert html.count('data-answer="B"') == 4          # "Now" is option B of each question
    written = {**META, "quiz": [{**q, "options": []} for q in META["quiz"]]}
    assert "data-answer" not in render_quiz(load_meta("chapters/02-x.md", written))


def open_quiz(browser, server, **settings):
    """The chapter in a phone-sized tab, scrolled to its quiz; (context, page, errors)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, **settings)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + CHAPTER, wait_until="load")
    page.locator("#quiz").scroll_into_view_if_needed()
    return context, page, errors


@pytest.fixture
def quiz(browser, server):
    context, page, errors = open_quiz(browser, server)
    page.wait_for_selector(".quiz-on")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    yield page
    assert errors == []
    # Nothing sent while answering (the browser may fetch the tab's icon late).
    assert [url for url in requests if not url.endswith("/favicon.svg")] == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    context.close()


def item(page, n):
    return page.locator(".quiz-item").nth(n - 1)


def choice(question, right: bool):
    letter = question.get_attribute("data-answer")
    index = ord(letter) - ord("A")
    if not right:
        index = 1 if index == 0 else 0
    return question.locator(".quiz-choice").nth(index)


def test_a_wrong_choice_is_called_wrong_and_the_explanation_shows(quiz):
    first = item(quiz, 1)
    explanation = first.locator(".quiz-answer p").text_content()
    assert not first.locator(".quiz-options").is_visible()
    assert not first.locator(".quiz-answer").is_visible()
    choice(first, right=False).click()
    says = first.locator(".quiz-says")
    assert says.get_attribute("aria-live") == "polite"
    assert says.locator(".quiz-verdict").inner_text().startswith("Wrong")
    assert says.locator(".quiz-why").is_visible()
    assert says.locator(".quiz-why").text_content() == explanation
    assert "quiz-right" in choice(first, right=True).get_attribute("class")
    # Answered: the buttons say so (aria-disabled), and a second choice changes nothing.
    assert choice(first, right=True).get_attribute("aria-disabled") == "true"
    choice(first, right=True).click(force=True)
    assert says.locator(".quiz-verdict").inner_text().startswith("Wrong")


def test_the_right_choice_is_called_right(quiz):
    second = item(quiz, 2)
    choice(second, right=True).click()
    assert second.locator(".quiz-verdict").inner_text() == "Right."
    assert second.locator(".quiz-why").is_visible()


def answer_all(page, right: int) -> None:
    """Answer every question, the first `right` of them rightly."""
    for n in range(page.locator(".quiz-item").count()):
        question = item(page, n + 1)
        if question.get_attribute("data-answer"):
            choice(question, right=n < right).click()
        else:
            question.locator("summary").click()
            question.get_by_role("button", name="I had it right" if n < right else "I did not").click()


def test_after_the_last_question_a_score_and_try_again(quiz):
    total = quiz.locator(".quiz-item").count()
    score = quiz.locator(".quiz-score")
    assert score.get_attribute("aria-live") == "polite"
    assert not quiz.locator(".quiz-again").is_visible()
    answer_all(quiz, right=4)
    assert score.inner_text() == f"You got 4 of {total} right."
    quiz.locator(".quiz-again").click()
    assert score.inner_text() == "" and not quiz.locator(".quiz-again").is_visible()
    assert quiz.locator("[data-result], .quiz-why, .quiz-chosen, .quiz-right").count() == 0
    assert quiz.evaluate("document.activeElement.textContent").strip().startswith("A.")
    answer_all(quiz, right=total)
    assert score.inner_text() == f"You got {total} of {total} right."


def test_the_quiz_works_from_the_keyboard_alone(quiz):
    first = item(quiz, 1)
    buttons = first.locator(".quiz-choice")
    buttons.first.focus()
    right = ord(first.get_attribute("data-answer")) - ord("A")
    for _ in range(right):
        quiz.keyboard.press("Tab")
    assert quiz.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    quiz.keyboard.press("Enter")
    assert first.locator(".quiz-verdict").inner_text() == "Right."
    # On to the next question: Tab past the rest of this one; Space chooses.
    while not quiz.evaluate("document.activeElement.closest('.quiz-item') === "
                            "document.querySelectorAll('.quiz-item')[1]"):
        quiz.keyboard.press("Tab")
    quiz.keyboard.press(" ")
    assert item(quiz, 2).locator(".quiz-verdict").inner_text() != ""


def test_every_button_is_a_44_pixel_target(quiz):
    item(quiz, 4).locator("summary").click()
    for box in quiz.locator(".quiz-choice:visible").all():
        assert box.bounding_box()["height"] >= 44
        assert box.evaluate("b => b.tagName") == "BUTTON"


def test_without_javascript_the_quiz_is_text_with_folded_answers(browser, server):
    context, page, _ = open_quiz(browser, server, java_script_enabled=False)
    try:
        assert page.locator(".quiz-choice, .quiz-says, .quiz-score").count() == 0
        first = item(page, 1)
        assert re.search(r"^A\. .+\nB\. ", first.locator(".quiz-options").inner_text(), re.M)
        assert page.locator(".quiz-answer").count() == page.locator(".quiz-item").count()
        for answer in page.locator(".quiz-answer").all():
            assert answer.get_attribute("open") is None
            assert answer.locator("summary").inner_text() == "Show the answer"
            assert not answer.locator("p").is_visible()
    finally:
        context.close()


def test_in_print_no_answer_or_explanation_shows(quiz):
    choice(item(quiz, 1), right=False).click()
    choice(item(quiz, 2), right=True).click()
    explanations = [text.strip() for text in quiz.locator(".quiz-answer p").all_text_contents()]
    quiz.emulate_media(media="print")
    printed = quiz.evaluate("document.querySelector('.quiz').innerText")
    assert item(quiz, 1).locator(".quiz-options").is_visible()       # the options, as text
    assert quiz.locator(".quiz-choice:visible, .quiz-says:visible, .quiz-score:visible").count() == 0
    for text in explanations:
        assert text not in printed
    for verdict in ("Right.", "Wrong", "Show the answer", "You got"):
        assert verdict not in printed
