// Pickers that follow another: a risk point is offered only under the workshop chosen (data-filters names the
// follower; each option's data-workshop its workshop). Without script every option stays, and the store checks.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-filters]").forEach(function (leader) {
    var follower = leader.form && leader.form.elements[leader.dataset.filters];
    if (!follower) return;
    function follow() {
      Array.prototype.forEach.call(follower.options, function (option) {
        var own = option.dataset.workshop;
        option.hidden = own !== undefined && own !== leader.value;
        if (option.hidden && option.selected) follower.value = "";
      });
    }
    leader.addEventListener("change", follow);
    follow();
  });
});
