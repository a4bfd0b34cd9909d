// trafficlab page behaviour shared by every page. No framework: small, keyboard-friendly.
(function () {
  var toggle = document.getElementById('theme-toggle');
  if (toggle) {
    toggle.addEventListener('click', function () {
      var d = document.documentElement;
      var current = d.dataset.theme || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
      var next = current === 'dark' ? 'light' : 'dark';
      d.dataset.theme = next;
      localStorage.setItem('theme', next);
    });
  }
  // htmx requests carry the CSRF token.
  document.addEventListener('htmx:configRequest', function (e) {
    var m = document.querySelector('meta[name=csrf-token]');
    if (m) e.detail.headers['X-CSRF-Token'] = m.content;
  });
})();
// Lesson code blocks: highlight YAML with CodeMirror's run mode and add copy buttons.
window.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('.prose pre > code').forEach(function (code) {
    var pre = code.parentElement;
    var text = code.textContent;
    if (window.CodeMirror && CodeMirror.runMode && /language-yaml/.test(code.className)) {
      code.classList.add('cm-s-default');
      CodeMirror.runMode(text, 'yaml', code);
    }
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'copy';
    b.textContent = 'Copy';
    b.addEventListener('click', function () {
      navigator.clipboard.writeText(text).then(function () { b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Copy'; }, 1500); });
    });
    pre.appendChild(b);
  });
});
