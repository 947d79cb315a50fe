/* The innovation competition block (bina_innovation): gallery, idea page, proposal form, jury and staff tools.
 *
 * One initializer per view. Everything learners write is put into the page with textContent (never
 * innerHTML); static text comes translated from the server's <template> elements, and the few
 * sentences built here come from the bundled catalog (window.BinaInnovationI18N).
 */
function BinaInnovationBlock(runtime, element) {
  "use strict";

  var wrapper = element && element.jquery ? element[0] : element;
  var box = wrapper.querySelector(".bina-innovation");
  var config = JSON.parse(box.querySelector(".bi-config script").textContent);
  var uid = box.getAttribute("data-uid");
  var catalog = window.BinaInnovationI18N;
  var SUPPORTABLE = ["submitted", "evaluating", "shortlisted"];
  var SECTIONS = ["problem", "solution", "novelty", "significance", "transferability", "resources", "impact"];
  var DETAIL_FIELDS = SECTIONS.concat(
    ["target_minutes_saved", "target_cost_saving", "target_citizens", "stakeholders", "partners"]);
  var FORM_FIELDS = ["title", "opd_code", "service_name", "category"].concat(DETAIL_FIELDS);

  var state = {
    tab: "gallery",
    gallery: {page: 1, search: "", state: "", opd: "", category: "", sort: "supports"},
    galleryPages: 1,
    jury: {page: 1, show: "unscored"},
    juryPages: 1,
    editing: null,        // {id, version} of the idea in the proposal form
    detail: null,         // the idea shown on its page
    openedFrom: null      // the button that opened it (focus returns there)
  };

  // --- text ------------------------------------------------------------------------------------

  function gettext(text) {
    return catalog && catalog.gettext ? catalog.gettext(text) : text;
  }
  function ngettext(singular, plural, n) {
    if (catalog && catalog.ngettext) { return catalog.ngettext(singular, plural, n); }
    return n === 1 ? singular : plural;
  }
  function format(text, params) {
    return text.replace(/%\((\w+)\)s/g, function (match, key) {
      return params[key] === undefined || params[key] === null ? match : String(params[key]);
    });
  }
  function supportsText(n) {
    return format(ngettext("%(n)s support", "%(n)s supports", n), {n: n});
  }
  function commentsText(n) {
    return format(ngettext("%(n)s comment", "%(n)s comments", n), {n: n});
  }
  function budgetText(spent, budget) {
    return format(gettext("You have used %(spent)s of your %(budget)s supports."), {spent: spent, budget: budget});
  }
  var locale = document.documentElement.lang || "id";
  function number(value) {
    return value === null || value === undefined || value === "" ? "" :
      Number(value).toLocaleString(locale, {maximumFractionDigits: 2});
  }

  // --- DOM helpers (text only) -----------------------------------------------------------------

  function $(selector, scope) { return (scope || box).querySelector(selector); }
  function $all(selector, scope) { return Array.prototype.slice.call((scope || box).querySelectorAll(selector)); }
  function slot(node, name) { return node.querySelector('[data-slot="' + name + '"]'); }
  function fill(node, name, value) {
    var target = slot(node, name);
    if (target) { target.textContent = value === null || value === undefined ? "" : String(value); }
    return target;
  }
  function part(node, name, visible) {
    $all('[data-part="' + name + '"]', node).forEach(function (el) { el.hidden = !visible; });
  }
  function make(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    if (className) { el.className = className; }
    return el;
  }
  function clone(selector) {
    return $(selector).content.firstElementChild.cloneNode(true);
  }
  function isWebLink(url) { return /^https?:\/\/[^\s]+$/i.test(url); }
  function link(url) {
    if (!isWebLink(url)) { return make("span", url); }
    var a = make("a", url);
    a.href = url;
    a.rel = "noopener noreferrer nofollow";
    return a;
  }

  // --- talking to the server -------------------------------------------------------------------

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function call(handler, data) {
    var url = runtime.handlerUrl(wrapper, handler);
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest"},
      body: JSON.stringify(data || {})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          var error = new Error(body.error || gettext("Something went wrong on the server. Please try again."));
          error.body = body;
          error.status = response.status;
          throw error;
        }
        return body;
      });
    }, function () {
      var error = new Error(gettext("Could not reach the server. Check your connection and try again."));
      error.body = {};
      throw error;
    });
  }

  var statusBox = $(".bi-status");
  var alertBox = $(".bi-alert");
  function announce(message) {
    alertBox.textContent = "";
    statusBox.textContent = message || "";
  }
  function fail(error) {
    statusBox.textContent = "";
    alertBox.textContent = error.message;
  }

  function busy(button, on) {
    if (!button) { return; }
    button.disabled = on;
    button.setAttribute("aria-busy", on ? "true" : "false");
  }

  // --- tabs ------------------------------------------------------------------------------------

  var tabs = $all('[role="tab"]');
  function showTab(name, focus) {
    state.tab = name;
    tabs.forEach(function (tab) {
      var selected = tab.getAttribute("data-tab") === name;
      tab.setAttribute("aria-selected", selected ? "true" : "false");
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focus) { tab.focus(); }
    });
    $all(".bi-panel").forEach(function (panel) { panel.hidden = panel.getAttribute("data-panel") !== name; });
    closeDetail(false);
    if (name === "gallery") { loadGallery(); }
    if (name === "mine") { loadMine(); }
    if (name === "jury") { loadJury(); }
  }
  tabs.forEach(function (tab, index) {
    tab.addEventListener("click", function () { showTab(tab.getAttribute("data-tab"), false); });
    tab.addEventListener("keydown", function (event) {
      var next = null;
      if (event.key === "ArrowRight") { next = tabs[(index + 1) % tabs.length]; }
      if (event.key === "ArrowLeft") { next = tabs[(index - 1 + tabs.length) % tabs.length]; }
      if (event.key === "Home") { next = tabs[0]; }
      if (event.key === "End") { next = tabs[tabs.length - 1]; }
      if (next) {
        event.preventDefault();
        showTab(next.getAttribute("data-tab"), true);
      }
    });
  });

  // --- cards -----------------------------------------------------------------------------------

  function canSupport(item) {
    return !item.is_mine && SUPPORTABLE.indexOf(item.state) >= 0 && config.windows.support === "open";
  }

  // The support button says what pressing it does: "Support", or "Withdraw support" once given
  // (the budget comes back); it is described by the idea's title (the idea it is about).
  function setSupportButton(button, supported, titleId) {
    button.textContent = supported ? gettext("Withdraw support") : gettext("Support");
    button.setAttribute("data-supported", supported ? "true" : "false");
    if (titleId) { button.setAttribute("aria-describedby", titleId); }
  }

  // An idea's own address: the page's, with the idea in the fragment (a link to share or open in a tab).
  function ideaHref(id) {
    return "#" + uid + "-idea-" + id;
  }

  function renderCard(item, extra) {
    var card = clone(".bi-tpl-card");
    card.setAttribute("data-id", item.id);
    var title = fill(card, "title", item.title);
    title.id = uid + "-" + state.tab + "-card-" + item.id;
    title.setAttribute("href", ideaHref(item.id));
    fill(card, "state_label", item.state_label);
    card.querySelector(".bi-badge").setAttribute("data-state", item.state);
    fill(card, "opd_name", item.opd_name);
    fill(card, "category_label", item.category_label);
    fill(card, "summary", item.summary);
    fill(card, "author_name", item.author_name);
    fill(card, "supports_text", supportsText(item.supports_count));
    fill(card, "comments_text", commentsText(item.comments_count));
    if (extra) {
      var extraNode = fill(card, "extra", extra);
      extraNode.hidden = false;
    }
    var button = card.querySelector('[data-action="support"]');
    if (state.tab === "gallery" && (canSupport(item) || (item.supported_by_me && config.windows.support === "open"))) {
      button.hidden = false;
      setSupportButton(button, item.supported_by_me, title.id);
    }
    return card;
  }

  function renderList(list, items, emptyText, extraFor) {
    list.textContent = "";
    if (!items.length) {
      list.appendChild(make("li", emptyText, "bi-empty"));
      return;
    }
    items.forEach(function (item) { list.appendChild(renderCard(item, extraFor ? extraFor(item) : null)); });
  }

  function renderPager(nav, page, pages) {
    nav.querySelector(".bi-page").textContent = format(gettext("Page %(page)s of %(pages)s"), {page: page, pages: pages});
    nav.querySelector('[data-page="prev"]').disabled = page <= 1;
    nav.querySelector('[data-page="next"]').disabled = page >= pages;
    nav.hidden = pages <= 1;
  }

  // --- gallery ---------------------------------------------------------------------------------

  var galleryPanel = $('[data-panel="gallery"]');
  var filters = $(".bi-filters", galleryPanel);

  function loadGallery() {
    var query = Object.assign({page_size: config.page_size}, state.gallery);
    return call("gallery", query).then(function (page) {
      state.gallery.page = page.page;
      state.galleryPages = page.num_pages;
      renderList($(".bi-cards", galleryPanel), page.items, gettext("No ideas match."));
      $(".bi-count", galleryPanel).textContent = format(
        ngettext("%(count)s idea", "%(count)s ideas", page.count), {count: page.count});
      $(".bi-budget", galleryPanel).textContent = budgetText(page.budget_spent, page.budget);
      renderPager($(".bi-pager", galleryPanel), page.page, page.num_pages);
    }).catch(fail);
  }

  filters.addEventListener("submit", function (event) {
    event.preventDefault();
    ["search", "state", "opd", "category", "sort"].forEach(function (name) {
      state.gallery[name] = filters.elements[name].value;
    });
    state.gallery.page = 1;
    loadGallery();
  });

  function pagerClicks(panel, key, loader) {
    $(".bi-pager", panel).addEventListener("click", function (event) {
      var button = event.target.closest("[data-page]");
      if (!button) { return; }
      state[key].page += button.getAttribute("data-page") === "next" ? 1 : -1;
      loader().then(function () {
        var first = $(".bi-cards [data-action='open']", panel);
        if (first) { first.focus(); }
      });
    });
  }
  pagerClicks(galleryPanel, "gallery", loadGallery);

  function toggleSupport(button, id) {
    var supported = button.getAttribute("data-supported") !== "true";
    busy(button, true);
    return call("support", {id: id, supported: supported}).then(function (result) {
      announce(result.message);
      $all('.bi-card[data-id="' + id + '"]').forEach(function (card) {
        fill(card, "supports_text", supportsText(result.supports_count));
        setSupportButton(card.querySelector('[data-action="support"]'), result.supported, slot(card, "title").id);
      });
      if (state.detail && state.detail.id === id) {
        state.detail.supported_by_me = result.supported;
        fill(detailBox, "supports_text", supportsText(result.supports_count));
        setSupportButton(detailBox.querySelector('.bi-support-box [data-action="support"]'), result.supported, null);
      }
      $all(".bi-budget").forEach(function (p) { p.textContent = budgetText(result.budget_spent, result.budget); });
    }).catch(fail).then(function () { busy(button, false); });
  }

  // Opening an idea and supporting from any list (event delegation: lists are re-rendered).
  box.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button || !box.contains(button)) { return; }
    var action = button.getAttribute("data-action");
    var card = button.closest(".bi-card");
    var id = card ? Number(card.getAttribute("data-id")) : (state.detail ? state.detail.id : null);
    if (action === "open") {
      // A modified click (new tab, new window) follows the link; a plain one opens the idea here.
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
      event.preventDefault();
      if (window.history && window.history.replaceState) { window.history.replaceState(null, "", ideaHref(id)); }
      openIdea(id, button);
    }
    if (action === "support") { toggleSupport(button, id); }
    if (action === "back") {
      if (window.location.hash.indexOf("#" + uid + "-idea-") === 0 && window.history && window.history.replaceState) {
        window.history.replaceState(null, "", window.location.pathname + window.location.search);
      }
      closeDetail(true);
    }
    if (action === "edit") { editIdea(state.detail); }
    if (action === "new-idea") { resetForm(); announce(gettext("The form is empty for a new idea.")); }
  });

  // --- an idea's page --------------------------------------------------------------------------

  var detailBox = $(".bi-detail");

  function openIdea(id, opener) {
    state.openedFrom = opener || null;
    return call("idea", {id: id}).then(function (detail) {
      showDetail(detail);
      var heading = slot(detailBox, "title");
      heading.focus();
    }).catch(fail);
  }

  function closeDetail(restoreFocus) {
    if (detailBox.hidden) { return; }
    detailBox.hidden = true;
    detailBox.textContent = "";
    state.detail = null;
    $all(".bi-panel").forEach(function (panel) { panel.hidden = panel.getAttribute("data-panel") !== state.tab; });
    if (restoreFocus) {
      var refresh = state.tab === "gallery" ? loadGallery() : state.tab === "mine" ? loadMine() :
        state.tab === "jury" ? loadJury() : Promise.resolve();
      var openedId = state.openedFrom && state.openedFrom.id;
      refresh.then(function () {
        var again = openedId ? document.getElementById(openedId) : null;
        (again || tabs.filter(function (t) { return t.getAttribute("data-tab") === state.tab; })[0]).focus();
      });
    }
  }

  function showDetail(d) {
    state.detail = d;
    $all(".bi-panel").forEach(function (panel) { panel.hidden = true; });
    detailBox.textContent = "";
    var view = clone(".bi-tpl-detail");
    fill(view, "title", d.title).id = uid + "-idea-title";
    fill(view, "state_label", d.state_label);
    view.querySelector(".bi-badge").setAttribute("data-state", d.state);
    fill(view, "opd_name", d.opd_name || "—");
    fill(view, "service_name", d.fields.service_name || "—");
    fill(view, "category_label", d.category_label || "—");
    fill(view, "digital_label", d.digital_label || "—");
    fill(view, "author_name", d.author_name);
    part(view, "co", d.co_proposers.length > 0);
    fill(view, "co_proposers", d.co_proposers.join(", "));
    var invitations = d.invitations || [];
    part(view, "invitations", invitations.length > 0);
    fill(view, "invitations", invitations.map(function (i) { return i.username + " (" + i.status_label + ")"; }).join(", "));
    part(view, "submitted", !!d.submitted_display);
    fill(view, "submitted_display", d.submitted_display);

    // Supports
    fill(view, "supports_text", supportsText(d.supports_count));
    fill(view, "budget_text", budgetText(d.budget_spent, d.budget));
    var support = view.querySelector('.bi-support-box [data-action="support"]');
    if (d.can_support || (d.supported_by_me && config.windows.support === "open")) {
      support.hidden = false;
      setSupportButton(support, d.supported_by_me, uid + "-idea-title");
    }
    if (d.is_mine) { slot(view, "budget_text").hidden = true; }

    // Answer and program
    part(view, "answer", !!d.answer);
    if (d.answer) {
      fill(view, "answer_text", d.answer.text);
      part(view, "answer_cost", d.answer.cost !== null);
      fill(view, "answer_cost", d.answer.cost_display);
      part(view, "answer_period", !!d.answer.execution_period);
      fill(view, "answer_period", d.answer.execution_period);
      fill(view, "answer_when", d.answer.answered_display);
    }
    part(view, "program", !!d.program);
    if (d.program) {
      fill(view, "program_opd", d.program.responsible_opd_name || d.program.responsible_opd_code);
      fill(view, "program_start", d.program.start_display);
      fill(view, "program_stage", d.program.stage_label);
      part(view, "program_budget", d.program.budget !== null);
      fill(view, "program_budget", d.program.budget_display);
      fill(view, "program_kpi", d.program.kpi);
      fill(view, "program_kpi_target", d.program.kpi_target);
      part(view, "program_evidence", !!d.program.evidence_url);
      var evidence = slot(view, "program_evidence");
      if (d.program.evidence_url) { evidence.appendChild(link(d.program.evidence_url)); }
    }

    // Proposal
    var list = slot(view, "fields");
    DETAIL_FIELDS.forEach(function (name) {
      var value = d.fields[name];
      if (value === null || value === undefined || value === "") { return; }
      var row = make("div");
      row.appendChild(make("dt", config.fields[name] || name));
      row.appendChild(make("dd", name.indexOf("target_") === 0 ? number(value) : value, "bi-text"));
      list.appendChild(row);
    });
    part(view, "evidence", d.evidence_links.length > 0);
    d.evidence_links.forEach(function (url) {
      var li = make("li");
      li.appendChild(link(url));
      slot(view, "evidence").appendChild(li);
    });

    // The author's tools
    var withdraw = d.author_moves.indexOf("withdrawn") >= 0;
    part(view, "author", d.can_edit || withdraw);
    view.querySelector('[data-action="edit"]').hidden = !d.can_edit;
    view.querySelector('[data-form="withdraw"]').hidden = !withdraw;

    // History
    var history = slot(view, "history");
    d.history.forEach(function (change) {
      var li = make("li");
      li.appendChild(make("strong", change.to_label));
      li.appendChild(document.createTextNode(" · " + change.when + (change.actor_name ? " · " + change.actor_name : "")));
      if (change.reason) { li.appendChild(make("p", change.reason, "bi-text")); }
      history.appendChild(li);
    });
    part(view, "history", d.history.length > 0);

    renderJury(view, d);
    renderStaff(view, d);
    renderComments(view, d);
    detailBox.appendChild(view);
    detailBox.hidden = false;
  }

  function renderJury(view, d) {
    part(view, "jury", config.is_jury);
    if (!config.is_jury) { return; }
    var form = view.querySelector('[data-form="score"]');
    form.hidden = !d.can_score;
    var note = d.my_score ? format(gettext("Your score: %(total)s of 100."), {total: number(d.my_score.total)}) :
      (d.can_score ? gettext("You have not scored this idea yet.") : d.not_scorable_message);
    fill(view, "jury_note", note);
    if (d.my_score) {
      Object.keys(d.my_score.criteria).forEach(function (code) {
        var radio = form.querySelector('input[name="c-' + code + '"][value="' + d.my_score.criteria[code] + '"]');
        if (radio) { radio.checked = true; }
      });
      form.elements.note.value = d.my_score.note || "";
    }
    part(view, "aggregate", !!d.aggregate);
    if (d.aggregate) {
      fill(view, "aggregate_text", format(gettext(
        "Jury: mean %(mean)s of 100, standard deviation %(sd)s, from %(n)s scores."),
        {mean: number(d.aggregate.mean), sd: number(d.aggregate.stdev), n: d.aggregate.count}));
      var rows = slot(view, "aggregate_rows");
      d.aggregate.criteria.forEach(function (criterion) {
        var tr = make("tr");
        tr.appendChild(make("td", criterion.label));
        tr.appendChild(make("td", criterion.mean === null || criterion.mean === undefined ? "—" : number(criterion.mean)));
        rows.appendChild(tr);
      });
    }
    part(view, "jury_scores", d.jury_scores.length > 0);
    var juryRows = slot(view, "jury_rows");
    d.jury_scores.forEach(function (score) {
      var tr = make("tr");
      tr.appendChild(make("td", score.juror));
      tr.appendChild(make("td", number(score.total)));
      tr.appendChild(make("td", score.note, "bi-text"));
      tr.appendChild(make("td", score.when));
      juryRows.appendChild(tr);
    });
  }

  function renderStaff(view, d) {
    part(view, "staff", d.can_moderate);
    if (!d.can_moderate) { return; }
    var stateForm = view.querySelector('[data-form="state"]');
    var moves = d.transitions.filter(function (t) { return t.state !== "implemented"; });
    stateForm.hidden = moves.length === 0;
    moves.forEach(function (move) {
      var option = make("option", (config.moves[move.state] || move.label) + " → " + move.label);
      option.value = move.state;
      stateForm.elements.to.appendChild(option);
    });
    var answerForm = view.querySelector('[data-form="answer"]');
    answerForm.hidden = d.state === "draft";
    if (d.answer) {
      answerForm.elements.text.value = d.answer.text;
      answerForm.elements.cost.value = d.answer.cost === null ? "" : d.answer.cost;
      answerForm.elements.execution_period.value = d.answer.execution_period;
    }
    var implementForm = view.querySelector('[data-form="implement"]');
    var canImplement = d.transitions.some(function (t) { return t.state === "implemented"; });
    implementForm.hidden = !(canImplement || d.state === "implemented");
    part(implementForm, "implement_reason", canImplement);
    if (d.state === "implemented") {
      fill(implementForm, "implement_heading", gettext("Program details"));
    }
    if (d.program) {
      ["responsible_opd_code", "start_date", "budget", "kpi", "kpi_target", "stage", "evidence_url"].forEach(function (name) {
        var value = d.program[name];
        implementForm.elements[name].value = value === null || value === undefined ? "" : value;
      });
    }
  }

  function renderComments(view, d) {
    var list = slot(view, "comments");
    if (!d.comments.length) { list.appendChild(make("li", gettext("No comments yet."), "bi-empty")); }
    d.comments.forEach(function (comment) {
      var li = clone(".bi-tpl-comment");
      li.setAttribute("data-comment", comment.id);
      fill(li, "author_name", comment.author_name);
      fill(li, "when", comment.when);
      fill(li, "text", comment.text);
      if (comment.is_hidden) {
        li.classList.add("is-hidden");
        var note = fill(li, "hidden_note", comment.hidden_reason ?
          format(gettext("Hidden by the course team: %(reason)s"), {reason: comment.hidden_reason}) :
          gettext("Hidden by the course team."));
        note.hidden = false;
      }
      var form = li.querySelector('[data-form="moderate"]');
      if (d.can_moderate) {
        form.hidden = false;
        form.setAttribute("data-hidden", comment.is_hidden ? "true" : "false");
        form.querySelector("label").hidden = comment.is_hidden;
        fill(form, "moderate_label", comment.is_hidden ? gettext("Show again") : gettext("Hide"));
      }
      list.appendChild(li);
    });
    view.querySelector('[data-form="comment"]').hidden = !d.can_comment;
  }

  function refreshDetail(result) {
    if (result.message) { announce(result.message); }
    if (result.idea) {
      showDetail(result.idea);
      slot(detailBox, "title").focus();
    }
  }

  function showFieldErrors(form, error) {
    var fields = (error.body && error.body.fields) || {};
    $all(".bi-field-error", form).forEach(function (el) { el.remove(); });
    $all("[aria-invalid]", form).forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var first = null;
    Object.keys(fields).forEach(function (name) {
      var input = form.elements[name] || form.querySelector('[name="c-' + name + '"]');
      if (input && input.length !== undefined && !input.tagName) { input = input[0]; }
      if (!input) { return; }
      input.setAttribute("aria-invalid", "true");
      var message = make("p", fields[name].messages.join(" "), "bi-field-error");
      message.id = uid + "-err-" + Math.random().toString(36).slice(2);
      input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + message.id).trim());
      (input.closest(".bi-field, fieldset") || input.parentNode).appendChild(message);
      first = first || input;
    });
    fail(error);
    if (first) { first.focus(); }
  }

  detailBox.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute("data-form");
    var d = state.detail;
    if (!kind || !d) { return; }
    event.preventDefault();
    var button = form.querySelector('[type="submit"]');
    var request = null;
    if (kind === "comment") {
      request = call("comment", {id: d.id, text: form.elements.text.value});
    } else if (kind === "score") {
      var criteria = {};
      config.rubric.forEach(function (criterion) {
        var chosen = form.querySelector('input[name="c-' + criterion.code + '"]:checked');
        criteria[criterion.code] = chosen ? Number(chosen.value) : null;
      });
      request = call("score", {id: d.id, criteria: criteria, note: form.elements.note.value});
    } else if (kind === "state") {
      request = call("change_state", {id: d.id, version: d.version, to: form.elements.to.value, reason: form.elements.reason.value});
    } else if (kind === "answer") {
      request = call("answer", {
        id: d.id, text: form.elements.text.value, cost: form.elements.cost.value,
        execution_period: form.elements.execution_period.value
      });
    } else if (kind === "implement") {
      var program = {};
      ["responsible_opd_code", "start_date", "budget", "kpi", "kpi_target", "stage", "evidence_url"].forEach(function (name) {
        program[name] = form.elements[name].value;
      });
      request = call("implement", {id: d.id, version: d.version, program: program, reason: form.elements.reason.value});
    } else if (kind === "withdraw") {
      request = call("withdraw_idea", {id: d.id, version: d.version, reason: form.elements.reason.value});
    } else if (kind === "moderate") {
      var commentId = Number(form.closest("[data-comment]").getAttribute("data-comment"));
      var hide = form.getAttribute("data-hidden") !== "true";
      request = call("moderate_comment", {comment_id: commentId, hidden: hide, reason: form.elements.reason.value});
    }
    if (!request) { return; }
    busy(button, true);
    request.then(refreshDetail, function (error) { showFieldErrors(form, error); })
      .then(function () { busy(button, false); });
  });

  // --- my ideas --------------------------------------------------------------------------------

  var minePanel = $('[data-panel="mine"]');
  var invitationBox = $(".bi-invitations", minePanel);

  function renderInvitations(invitations) {
    var list = $(".bi-invitation-list", invitationBox);
    list.textContent = "";
    invitationBox.hidden = !invitations.length;
    invitations.forEach(function (invitation) {
      var item = make("li", null, "bi-invitation");
      var title = make("button", invitation.title, "bi-link");
      title.type = "button";
      title.setAttribute("data-action", "open");
      title.setAttribute("data-id", invitation.idea_id);
      item.appendChild(title);
      item.appendChild(make("p", format(gettext("Proposed by %(name)s · %(state)s"), {
        name: invitation.author_name, state: invitation.state_label}), "bi-meta"));
      var actions = make("p", null, "bi-actions");
      [["accept", gettext("Accept")], ["decline", gettext("Decline")]].forEach(function (choice) {
        var button = make("button", choice[1], choice[0] === "accept" ? "bi-button" : "bi-button secondary");
        button.type = "button";
        button.setAttribute("data-action", "answer-invitation");
        button.setAttribute("data-accept", choice[0] === "accept" ? "true" : "false");
        button.setAttribute("data-id", invitation.idea_id);
        button.appendChild(make("span", ": " + invitation.title, "bi-sr"));
        actions.appendChild(button);
      });
      item.appendChild(actions);
      list.appendChild(item);
    });
  }

  function loadMine() {
    return call("my_ideas", {}).then(function (result) {
      renderInvitations(result.invitations || []);
      renderList($(".bi-cards", minePanel), result.items, gettext("You have no ideas yet. Propose one!"), function (item) {
        return item.state === "draft" ? gettext("Draft: only you can see it. Open it to edit and submit.") : null;
      });
    }).catch(fail);
  }

  invitationBox.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) { return; }
    var id = Number(button.getAttribute("data-id"));
    if (button.getAttribute("data-action") === "open") { openIdea(id, button); return; }
    busy(button, true);
    call("answer_invitation", {id: id, accept: button.getAttribute("data-accept") === "true"})
      .then(function (result) { announce(result.message); return loadMine(); }, fail)
      .then(function () { busy(button, false); });
  });

  // --- the proposal form -----------------------------------------------------------------------

  var form = $(".bi-proposal");
  var formStatus = $(".bi-form-status", form);  // the same message where sighted users look
  var storageKey = "bina-innovation-draft-" + uid;

  function formValues() {
    var values = {};
    FORM_FIELDS.forEach(function (name) { values[name] = form.elements[name].value; });
    var digital = form.querySelector('input[name="is_digital"]:checked');
    values.is_digital = digital ? digital.value === "true" : null;
    values.co_proposers = form.elements.co_proposers.value;
    values.evidence_links = form.elements.evidence_links.value;
    return values;
  }

  function setFormValues(values) {
    FORM_FIELDS.forEach(function (name) {
      var value = values[name];
      form.elements[name].value = value === null || value === undefined ? "" : value;
    });
    $all('input[name="is_digital"]', form).forEach(function (radio) {
      radio.checked = values.is_digital !== null && values.is_digital !== undefined &&
        radio.value === String(values.is_digital);
    });
    form.elements.co_proposers.value = Array.isArray(values.co_proposers) ? values.co_proposers.join(", ") : (values.co_proposers || "");
    form.elements.evidence_links.value = Array.isArray(values.evidence_links) ? values.evidence_links.join("\n") : (values.evidence_links || "");
  }

  function clearFormErrors() {
    var summary = $(".bi-form-errors", form);
    summary.hidden = true;
    summary.textContent = "";
    $all(".bi-field-error", form).forEach(function (el) { el.remove(); });
    $all("[aria-invalid]", form).forEach(function (el) { el.removeAttribute("aria-invalid"); });
  }

  function setMode(idea) {
    state.editing = idea ? {id: idea.id, version: idea.version} : null;
    $(".bi-form-mode", form).textContent = idea ?
      format(gettext("Editing: %(title)s"), {title: idea.title}) : gettext("New idea");
  }

  function resetForm() {
    form.reset();
    formStatus.textContent = "";
    clearFormErrors();
    setMode(null);
    try { window.sessionStorage.removeItem(storageKey); } catch (e) { /* storage may be off */ }
  }

  function editIdea(d) {
    if (!d) { return; }
    showTab("propose", false);
    clearFormErrors();
    // Every name invited (accepted or not): saving the form keeps the invitations still waiting.
    var invited = (d.invitations || []).map(function (i) { return i.username; });
    var values = Object.assign({}, d.fields, {co_proposers: invited.length ? invited : d.co_proposers, evidence_links: d.evidence_links});
    setFormValues(values);
    setMode(d);
    form.elements.title.focus();
  }

  // Keep unsaved typing for this browser tab, so a reload does not lose it.
  form.addEventListener("input", function () {
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify({editing: state.editing, values: formValues()}));
    } catch (e) { /* storage may be off */ }
  });
  (function restore() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(storageKey) || "null");
      if (saved && saved.values) {
        setFormValues(saved.values);
        state.editing = saved.editing;
        if (saved.editing) {
          $(".bi-form-mode", form).textContent = format(gettext("Editing: %(title)s"), {title: saved.values.title});
        }
      }
    } catch (e) { /* nothing to restore */ }
  }());

  var lastSubmitter = null;
  $all('[type="submit"]', form).forEach(function (button) {
    button.addEventListener("click", function () { lastSubmitter = button; });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = event.submitter || lastSubmitter || form.querySelector('[data-submit="false"]');
    var submit = button.getAttribute("data-submit") === "true";
    var payload = {fields: formValues(), submit: submit};
    if (state.editing) {
      payload.id = state.editing.id;
      payload.version = state.editing.version;
    }
    clearFormErrors();
    busy(button, true);
    formStatus.textContent = "";
    call("save_idea", payload).then(function (result) {
      announce(result.message);
      formStatus.textContent = result.message;
      if (submit && result.idea.state !== "draft" && result.idea.state !== "returned") {
        resetForm();
        state.openedFrom = null;
        state.tab = "mine";
        tabs.forEach(function (tab) {
          tab.setAttribute("aria-selected", tab.getAttribute("data-tab") === "mine" ? "true" : "false");
          tab.tabIndex = tab.getAttribute("data-tab") === "mine" ? 0 : -1;
        });
        showDetail(result.idea);
        slot(detailBox, "title").focus();
      } else {
        setMode(result.idea);
        try {
          window.sessionStorage.setItem(storageKey, JSON.stringify({editing: state.editing, values: formValues()}));
        } catch (e) { /* storage may be off */ }
      }
    }, function (error) {
      // The text stays in the form. A refused submission still saved the draft: continue with it.
      var body = error.body || {};
      if (body.idea) { setMode(body.idea); }
      if (body.code === "incomplete" || body.code === "invalid_input") {
        var summary = $(".bi-form-errors", form);
        summary.textContent = "";
        summary.appendChild(make("p", error.message));
        var ul = make("ul");
        Object.keys(body.fields || {}).forEach(function (name) {
          ul.appendChild(make("li", body.fields[name].label + ": " + body.fields[name].messages.join(" ")));
        });
        summary.appendChild(ul);
        summary.hidden = false;
        showFieldErrors(form, error);
        summary.focus();
      } else {
        fail(error);
      }
    }).then(function () { busy(button, false); });
  });

  // --- jury ------------------------------------------------------------------------------------

  var juryPanel = $('[data-panel="jury"]');
  function loadJury() {
    if (!juryPanel) { return Promise.resolve(); }
    return call("jury_queue", state.jury).then(function (result) {
      state.jury.page = result.page;
      renderList($(".bi-cards", juryPanel), result.items, gettext("Nothing to score here."), function (item) {
        if (item.my_total !== null && item.my_total !== undefined) {
          return format(gettext("Your score: %(total)s of 100."), {total: number(item.my_total)});
        }
        return item.can_score ? gettext("Not scored by you yet.") : item.not_scorable_message;
      });
      $(".bi-count", juryPanel).textContent = format(
        ngettext("%(count)s idea", "%(count)s ideas", result.count), {count: result.count});
      renderPager($(".bi-pager", juryPanel), result.page, result.num_pages);
    }).catch(fail);
  }
  if (juryPanel) {
    juryPanel.querySelector('select[name="show"]').addEventListener("change", function (event) {
      state.jury.show = event.target.value;
      state.jury.page = 1;
      loadJury();
    });
    pagerClicks(juryPanel, "jury", loadJury);
  }

  loadGallery();
  // Opened through an idea's link: show that idea.
  var linked = new RegExp("^#" + uid + "-idea-(\\d+)$").exec(window.location.hash);
  if (linked) { openIdea(Number(linked[1]), null); }
}
