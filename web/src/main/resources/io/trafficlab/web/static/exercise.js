// The exercise page: CodeMirror 5 editor with live diagnostics, Run on Ctrl/Cmd+Enter, result tabs.
// Small on purpose: everything readable is rendered by the server; this only adds comfort.
(function () {
  'use strict';
  var cm = null;

  function isDark() {
    var t = document.documentElement.dataset.theme;
    return t ? t === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  }
  function csrf() {
    var m = document.querySelector('meta[name=csrf-token]');
    return m ? m.content : '';
  }
  function runForm() { return document.getElementById('run-form'); }
  function submit(form) {
    if (!form) return;
    if (cm) cm.save();
    if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event('submit', {cancelable: true}));
  }

  // Diagnostics from the server become lint markers at line:column.
  function lint(text, update, options, editor) {
    var url = document.getElementById('editor').dataset.validate;
    var status = document.getElementById('lint-status');
    fetch(url, {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': csrf()},
      body: new URLSearchParams({yaml: text})})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var errors = 0, warnings = 0;
        var marks = (data.diagnostics || []).map(function (d) {
          var line = Math.max(0, (d.line || 1) - 1);
          var ch = Math.max(0, (d.column || 1) - 1);
          var word = editor.findWordAt(CodeMirror.Pos(line, ch));
          var to = word && word.head.ch > ch ? word.head : CodeMirror.Pos(line, ch + 1);
          if (d.severity === 'error') errors++; else warnings++;
          return {from: CodeMirror.Pos(line, ch), to: to, severity: d.severity === 'error' ? 'error' : 'warning',
            message: '[' + d.code + '] ' + d.message + (d.hint ? '\n→ ' + d.hint : '')};
        });
        update(marks);
        if (status) {
          status.textContent = errors + warnings === 0 ? '✔ no findings' :
            errors + ' error' + (errors === 1 ? '' : 's') + ', ' + warnings + ' warning' + (warnings === 1 ? '' : 's');
        }
      })
      .catch(function () { if (status) status.textContent = 'could not check the YAML just now'; });
  }

  function initEditor() {
    var ta = document.getElementById('editor');
    if (!ta || !window.CodeMirror) return;
    cm = CodeMirror.fromTextArea(ta, {
      mode: 'yaml', lineNumbers: true, indentUnit: 2, tabSize: 2, smartIndent: true, matchBrackets: true,
      gutters: ['CodeMirror-linenumbers', 'CodeMirror-lint-markers'], lint: {getAnnotations: lint, async: true, delay: 400},
      theme: isDark() ? 'material-darker' : 'default', viewportMargin: Infinity,
      extraKeys: {
        'Ctrl-Enter': function () { submit(runForm()); },
        'Cmd-Enter': function () { submit(runForm()); },
        'Tab': function (e) { e.somethingSelected() ? e.indentSelection('add') : e.replaceSelection('  ', 'end'); },
        'Shift-Tab': function (e) { e.indentSelection('subtract'); },
        'Ctrl-/': 'toggleComment', 'Cmd-/': 'toggleComment',
        // Let keyboard users leave the editor: Esc then Tab moves on.
        'Esc': function (e) { e.getInputField().blur(); }
      }
    });
    cm.getInputField().setAttribute('aria-label', 'Your configuration (YAML). Ctrl+Enter runs it; Esc leaves the editor.');
    cm.on('change', function () { cm.save(); });
    var reset = document.getElementById('reset-btn');
    if (reset) reset.addEventListener('click', function () {
      if (cm.getValue() !== document.getElementById('starter').value &&
          !confirm('Replace your configuration with the starter?')) return;
      cm.setValue(document.getElementById('starter').value);
      cm.focus();
    });
    var follow = function () { cm.setOption('theme', isDark() ? 'material-darker' : 'default'); };
    new MutationObserver(follow).observe(document.documentElement, {attributes: true, attributeFilter: ['data-theme']});
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', follow);
  }

  // Tabs: every panel is rendered (readable without JS); script shows one at a time.
  function initTabs(root) {
    (root || document).querySelectorAll('[role=tablist]').forEach(function (list) {
      var tabs = Array.prototype.slice.call(list.querySelectorAll('[role=tab]'));
      function select(tab, focus) {
        tabs.forEach(function (t) {
          var on = t === tab;
          t.setAttribute('aria-selected', on ? 'true' : 'false');
          t.tabIndex = on ? 0 : -1;
          var p = document.getElementById(t.getAttribute('aria-controls'));
          if (p) p.hidden = !on;
        });
        if (focus) tab.focus();
      }
      tabs.forEach(function (t, i) {
        t.addEventListener('click', function () { select(t, false); });
        t.addEventListener('keydown', function (e) {
          var j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
          if (j === null) return;
          e.preventDefault();
          select(tabs[(j + tabs.length) % tabs.length], true);
        });
      });
      select(tabs.filter(function (t) { return t.getAttribute('aria-selected') === 'true'; })[0] || tabs[0], false);
    });
  }

  // "12:5" buttons in the Diagnostics tab move the cursor there.
  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('button.goto');
    if (!b || !cm) return;
    cm.focus();
    cm.setCursor(Math.max(0, b.dataset.line - 1), Math.max(0, b.dataset.column - 1));
    cm.scrollIntoView(null, 120);
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !(cm && cm.hasFocus())) {
      var form = e.target.closest && e.target.closest('form');
      if (form && form.getAttribute('hx-post')) { e.preventDefault(); submit(form); }
      else if (runForm()) { e.preventDefault(); submit(runForm()); }
    }
  });
  // Show the server's explanation for "too large" and "busy" answers instead of dropping them.
  document.addEventListener('htmx:beforeSwap', function (e) {
    var s = e.detail.xhr.status;
    if (s === 400 || s === 413 || s === 429) { e.detail.shouldSwap = true; e.detail.isError = false; }
  });
  document.addEventListener('htmx:afterSwap', function (e) { initTabs(e.target); });
  // Opening a hint replaces its button: move the focus to the new hint so keyboard and screen reader
  // users read it and Tab on from there (otherwise the focus falls back to the top of the page).
  document.addEventListener('htmx:afterSwap', function (e) {
    var box = e.target;
    if (!box.classList || !box.classList.contains('hints')) return;
    var hints = box.querySelectorAll('.hint');
    var last = hints[hints.length - 1];
    if (last) { last.tabIndex = -1; last.focus(); }
  });
  window.addEventListener('DOMContentLoaded', function () { initEditor(); initTabs(document); });
})();
