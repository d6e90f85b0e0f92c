/* The site's own behaviour on top of Material, in parts that cost nothing until a reader
   needs them: glossary tooltips, map loading, the link to share, the colour-scheme toggle and
   the self-check quiz.
   Loaded with `defer`; without JavaScript each term's first use keeps its title attribute, the
   maps show their static twins, the link to share points at the page itself, the toggle is
   hidden and the quiz keeps its answers folded. */

"use strict";

/* --- Glossary tooltips ------------------------------------------------------------------------
   Every glossary term in the text is an <abbr>; the first use of each form on a page carries
   title="Term: definition" and later uses are bare (macros/tooltips.py), so the definition
   travels once and is looked up here from that first use; on a chapter no use carries it, and
   it is looked up in the chapter's key-terms box, which defines every term the chapter uses. Material's own tooltips
   build one hidden tooltip per <abbr> when a page loads, which on a chapter means well over a
   hundred elements and most of a second of a cheap phone's time. Here one tooltip is shared by
   the whole page and built on first use, with Material's look (its md-tooltip2 classes).
   Shown on hover and on tap; it stays while the pointer is over it and Escape dismisses it
   (WCAG 1.4.13). Keyboard and screen-reader users have the title attribute on first use (off a
   chapter), the key-terms box at the end of each chapter and the Glossary page. */

(function () {
  var tip = null;        // the shared tooltip element, built on first use
  var host = null;       // the <abbr> it describes now
  var hideTimer = 0;

  function build() {
    tip = document.createElement("div");
    tip.className = "md-tooltip2 md-tooltip2--bottom glossary-tip";
    tip.id = "glossary-tip";
    tip.setAttribute("role", "tooltip");
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    tip.appendChild(inner);
    inner.addEventListener("pointerenter", function () { clearTimeout(hideTimer); });
    inner.addEventListener("pointerleave", hideSoon);
    document.body.appendChild(tip);
  }

  function show(abbr) {
    clearTimeout(hideTimer);
    if (host === abbr) return;
    if (host) hide();
    if (!tip) build();
    var text = definition(abbr);
    if (!text) return;
    host = abbr;
    // A title moves into the tooltip while it shows, so the browser does not add its own.
    if (abbr.hasAttribute("title")) {
      abbr.dataset.title = abbr.getAttribute("title");
      abbr.removeAttribute("title");
    }
    abbr.setAttribute("aria-describedby", tip.id);
    // "Term: definition", with the term in bold.
    var inner = tip.firstChild;
    var colon = text.indexOf(": ");
    var name = document.createElement("strong");
    name.textContent = colon > 0 ? text.slice(0, colon) : "";
    inner.replaceChildren(name, colon > 0 ? text.slice(colon) : text);
    var box = abbr.getBoundingClientRect();
    var style = tip.style;
    style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    style.setProperty("--md-tooltip-y", box.height + 8 + "px");
    style.setProperty("--md-tooltip-tail", "0px");
    style.setProperty("--md-tooltip-width", inner.offsetWidth + "px");
    tip.classList.add("md-tooltip2--active");
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!host) return;
    if ("title" in host.dataset) {
      host.setAttribute("title", host.dataset.title);
      delete host.dataset.title;
    }
    host.removeAttribute("aria-describedby");
    tip.classList.remove("md-tooltip2--active");
    host = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  // An <abbr>'s definition: its own title, that of the first use of the same words, or, on a
  // chapter, the entry of the key-terms box that names those words.
  function definition(abbr) {
    var own = abbr.getAttribute("title") || abbr.dataset.title;
    if (own) return own;
    var words = abbr.textContent;
    var uses = document.querySelectorAll(".md-typeset abbr[title], .md-typeset abbr[data-title]");
    for (var i = 0; i < uses.length; i++) {
      if (uses[i].textContent === words) return uses[i].getAttribute("title") || uses[i].dataset.title;
    }
    var terms = document.querySelectorAll(".key-terms dt");
    for (var j = 0; j < terms.length; j++) {
      var name = terms[j].textContent;
      var forms = (terms[j].getAttribute("data-forms") || "").split("|");
      if (name === words || forms.indexOf(words) >= 0) {
        return name + ": " + terms[j].nextElementSibling.textContent;
      }
    }
    return "";
  }

  function term(event) {
    var target = event.target;
    return target instanceof Element ? target.closest(".md-typeset abbr") : null;
  }

  document.addEventListener("pointerover", function (event) {
    if (event.pointerType !== "mouse") return;
    var abbr = term(event);
    if (abbr) show(abbr);
  });
  document.addEventListener("pointerout", function (event) {
    if (event.pointerType === "mouse" && host && term(event) === host) hideSoon();
  });
  // A tap shows the definition; a second tap on the term, or a tap elsewhere, hides it.
  document.addEventListener("click", function (event) {
    var abbr = term(event);
    if (abbr && abbr !== host) show(abbr);
    else if (abbr ? event.pointerType !== "mouse" : !tip || !tip.contains(event.target)) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && host) hide();
  });
  window.addEventListener("resize", hide);
})();

/* --- Maps -------------------------------------------------------------------------------------
   A map iframe names its document in data-src and loads it only when the reader scrolls near
   it: each interactive map brings Leaflet and its data (200-275 KB), which a reader who stops
   before the map should not pay for. Browsers without IntersectionObserver load them at once. */

(function () {
  var frames = document.querySelectorAll("iframe[data-src]");
  function load(frame) {
    frame.src = frame.dataset.src;
    frame.removeAttribute("data-src");
  }
  if (!("IntersectionObserver" in window)) {
    frames.forEach(load);
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      load(entry.target);
    });
  }, { rootMargin: "300px 0px" });
  frames.forEach(function (frame) { observer.observe(frame); });
})();

/* --- Link to share ---------------------------------------------------------------------------
   A build that knows its address (SITE_URL) writes it into each chapter's "Link to share". One
   that does not (a preview, or a copy put on a host whose address nobody gave) links the page
   itself; here the link becomes the address the reader is on, which is the one to share. A page
   opened from disk has no address to share, so the line goes. */

(function () {
  document.querySelectorAll(".share-here").forEach(function (line) {
    var link = line.querySelector("a.share-link");
    if (location.protocol === "file:" || !link) {
      line.hidden = true;
      return;
    }
    link.href = link.textContent = location.origin + location.pathname;
  });
})();

/* --- Reading level and language ------------------------------------------------------------
   The "Standard · Easier" switch at the top of a chapter, and the header's language link: both
   levels and both editions of a page have the same section ids, so the reader lands on the
   section they were reading (Material's navigation.tracking keeps it in the address as they
   scroll). Without JavaScript the switch opens the other version's top. */

document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".level-switch a, a.md-header__language");
  if (link && location.hash) link.hash = location.hash;
});

/* --- Colour scheme ----------------------------------------------------------------------------
   The header's light/dark toggle. The scheme was set before the text was parsed, by
   sitePalette in the header (overrides/partials/javascripts/palette.html); here the reader
   switches it. Each toggle's label points at the next option, so a tap or click checks that
   option; Enter does the same from the keyboard, as in Material. While the scheme changes,
   data-md-color-switching turns Material's colour transitions off. With no choice kept, the page
   follows a change of the system's scheme. */

(function () {
  var form = document.querySelector("[data-palette]");
  if (!form || !window.sitePalette) return;
  var inputs = sitePalette.inputs();
  function choose(index) {
    document.body.setAttribute("data-md-color-switching", "");
    sitePalette.apply(index, true);
    requestAnimationFrame(function () {
      document.body.removeAttribute("data-md-color-switching");
    });
  }
  form.addEventListener("change", function (event) {
    var index = inputs.indexOf(event.target);
    if (index >= 0) choose(index);
  });
  form.addEventListener("keydown", function (event) {
    var index = inputs.indexOf(event.target);
    if (event.key !== "Enter" || index < 0) return;
    event.preventDefault();
    var next = (index + 1) % inputs.length;
    inputs[next].focus();
    choose(next);
  });
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () {
    if (sitePalette.kept() < 0) sitePalette.apply(sitePalette.system(), false);
  });
})();

/* --- Self-check quiz -----------------------------------------------------------------------
   Without JavaScript, and on paper, each chapter's quiz lists its options as text and keeps
   each answer in a folded box (macros/chapters.py, render_quiz). quiz.js makes it a self-check
   with buttons, and quiz.css styles it; like the maps, they load only when the reader nears
   the quiz (the styles first, so the buttons never show unstyled), off a chapter's first load.
   Both sit beside this file and are minified with it (site.min.js, quiz.min.js). */

(function () {
  var quiz = document.querySelector(".quiz");
  var src = document.currentScript.src;
  if (!quiz) return;
  function load() {
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = src.replace(/javascripts\/site(\.min)?\.js$/, "stylesheets/quiz$1.css");
    style.onload = function () {
      var script = document.createElement("script");
      script.src = src.replace(/site(\.min)?\.js$/, "quiz$1.js");
      document.head.appendChild(script);
    };
    document.head.appendChild(style);
  }
  if (!("IntersectionObserver" in window)) return load();
  var observer = new IntersectionObserver(function (entries) {
    if (!entries[0].isIntersecting) return;
    observer.disconnect();
    load();
  }, { rootMargin: "1500px 0px" });
  observer.observe(quiz);
})();
