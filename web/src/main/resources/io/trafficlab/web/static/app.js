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
