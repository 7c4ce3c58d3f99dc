// The course glossary on a teacher's course page: terms automatic captions should expect.
import { api } from './api.js';
import { h, message } from './dom.js';

export function glossaryForm(course) {
  const terms = h('textarea', { id: 'glossary', name: 'glossary', rows: 6, spellcheck: 'false', 'aria-describedby': 'glossary-hint' },
    (course.glossary || []).join('\n'));
  const problem = h('div');
  const form = h('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    const glossary = terms.value.split('\n').map((t) => t.trim()).filter(Boolean);
    try {
      const saved = await api('PATCH', `/courses/${course.id}`, { glossary });
      course.glossary = saved.glossary;
      terms.value = saved.glossary.join('\n');
      problem.replaceChildren(message(`Glossary saved: ${saved.glossary.length} ${saved.glossary.length === 1 ? 'term' : 'terms'}.`));
    } catch (e) {
      problem.replaceChildren(message(e.message, 'error'));
    }
  } },
  h('h2', { id: 'glossary-h' }, 'Glossary for automatic captions'),
  h('label', { for: 'glossary' }, 'Terms, one per line'),
  h('p', { class: 'hint', id: 'glossary-hint' },
    'Words automatic captions should expect: names, jargon. Up to 100 terms of at most 100 characters; used the next time a lecture is recognised.'),
  terms, problem,
  h('button', { type: 'submit' }, 'Save glossary'));
  form.setAttribute('aria-labelledby', 'glossary-h');
  return form;
}
