// Suggestions while typing in the search box: titles from the search API, offered in the
// box's datalist. Without this script the form works the same, one search per submit.
(function () {
  'use strict';
  var box = document.getElementById('search-q');
  var list = document.getElementById('search-suggestions');
  if (!box || !list || !window.fetch) { return; }
  var timer = null;
  var asked = 0;
  box.addEventListener('input', function () {
    clearTimeout(timer);
    var q = box.value;
    if (q.trim().length < 2) { list.textContent = ''; return; }
    timer = setTimeout(function () {
      var ticket = ++asked;
      var url = '/api/v1/search?suggest=true&limit=6&lang=' +
        encodeURIComponent(box.dataset.suggestLang || '') + '&q=' + encodeURIComponent(q);
      fetch(url, { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (answer) {
          if (ticket !== asked) { return; } // a newer question is on its way
          list.textContent = '';
          answer.items.forEach(function (item) {
            var option = document.createElement('option');
            option.value = item.title;
            list.appendChild(option);
          });
        })
        .catch(function () { list.textContent = ''; });
    }, 150);
  });
}());
