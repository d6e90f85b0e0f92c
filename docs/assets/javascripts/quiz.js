/* The self-check quiz at the end of each chapter, loaded by site.js when the reader nears it.

   Without JavaScript, and on paper, each question lists its options as text and keeps its
   answer in a folded box (macros/chapters.py, render_quiz). Here the options of a question
   with data-answer (the right letter) become buttons: a choice is marked right or wrong, the
   right option is marked and the answer box's text shows below. A question with a written
   answer keeps its box; once it is open, the student says whether they had it. When every
   question is answered, a score and "Try again". Verdicts and score are read out (aria-live);
   nothing is kept. The buttons, verdicts and score are screen-only (quiz.css). */

"use strict";

(function () {
  function make(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    if (tag === "button") node.type = "button";
    return node;
  }

  document.querySelectorAll(".quiz").forEach(function (quiz) {
    var items = quiz.querySelectorAll(".quiz-item");
    var score = make("p", "quiz-score");
    var again = make("button", "quiz-again", "Try again");
    score.setAttribute("aria-live", "polite");
    again.hidden = true;
    quiz.append(score, again);
    quiz.classList.add("quiz-on");

    // Mark a question answered (the chosen button marked); once all are, give the score.
    function answer(item, right, verdict, chosen) {
      item.dataset.result = right;
      chosen.classList.add("quiz-chosen");
      item.querySelectorAll(".quiz-choice").forEach(function (b) {
        b.setAttribute("aria-disabled", "true");
      });
      item.says.firstChild.textContent = verdict;
      if (item.why) item.says.appendChild(item.why);
      if (quiz.querySelectorAll("[data-result]").length < items.length) return;
      score.textContent = "You got " + quiz.querySelectorAll("[data-result=true]").length +
        " of " + items.length + " right.";
      again.hidden = false;
    }

    items.forEach(function (item) {
      var box = item.querySelector(".quiz-answer");
      var options = item.querySelector(".quiz-options");
      var group = make("div", "quiz-choices");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Your answer");
      item.says = make("div", "quiz-says");
      item.says.setAttribute("aria-live", "polite");
      item.says.appendChild(make("p", "quiz-verdict"));
      if (item.dataset.answer && options) {
        // The verdict shows the answer box's text after it.
        item.why = make("div", "quiz-why");
        box.querySelectorAll(":scope > :not(summary)").forEach(function (node) {
          item.why.appendChild(node.cloneNode(true));
        });
        // One button per line of options ("B. Daraa<br>"), its words and tooltips kept.
        var button = null;
        Array.from(options.childNodes).forEach(function (node) {
          if (node.nodeName === "BR") button = null;
          else if (button || node.textContent.trim()) {
            if (!button) group.appendChild(button = make("button", "quiz-choice"));
            button.appendChild(node.cloneNode(true));
          }
        });
        group.addEventListener("click", function (event) {
          var chosen = event.target.closest("button");
          if (!chosen || item.dataset.result) return;
          var letter = item.dataset.answer;
          var right = chosen.textContent.trim()[0] === letter;
          group.children[letter.charCodeAt(0) - 65].classList.add("quiz-right");
          answer(item, right, right ? "Right." : "Wrong. The right answer:", chosen);
        });
        item.insertBefore(group, box);
      } else {
        // A written answer: the student opens the box and marks their own answer.
        group.setAttribute("aria-label", "Did you have it right?");
        group.hidden = true;
        group.append(make("button", "quiz-choice", "I had it right"),
                     make("button", "quiz-choice", "I did not"));
        group.addEventListener("click", function (event) {
          var chosen = event.target.closest("button");
          if (!chosen || item.dataset.result) return;
          var right = chosen === group.firstChild;
          answer(item, right, right ? "Counted as right." : "Counted as not right.", chosen);
        });
        box.addEventListener("toggle", function () { if (box.open) group.hidden = false; });
        box.after(group);
      }
      group.after(item.says);
    });

    again.addEventListener("click", function () {
      quiz.querySelectorAll("[data-result]").forEach(function (item) {
        delete item.dataset.result;
        item.says.firstChild.textContent = "";
        if (item.why) item.why.remove();
      });
      quiz.querySelectorAll(".quiz-choice").forEach(function (b) {
        b.removeAttribute("aria-disabled");
        b.classList.remove("quiz-right", "quiz-chosen");
      });
      quiz.querySelectorAll(".quiz-answer").forEach(function (box) {
        box.open = false;
        if (!box.closest("[data-answer]")) box.nextSibling.hidden = true;
      });
      score.textContent = "";
      again.hidden = true;
      quiz.querySelector(".quiz-choice, summary").focus();
    });
  });
})();
