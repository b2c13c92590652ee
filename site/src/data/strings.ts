/**
 * Every word of the sites' own chrome and page furniture, per language (the content's words come
 * from the CMS in the page's language). Spanish is written for patients, with "usted" and plain
 * words (see the project's domain notes), not translated by machine. A page reads its dictionary
 * with `stringsFor(site.locale)`; a missing key in one language fails the type check.
 */
import type { Locale } from '@clinic/shared/locales'
import type { FaqTopic, Weekday } from '@clinic/shared/vocabulary'

const en = {
  htmlLang: 'en',
  ogLocale: 'en_US',
  /** How the language names itself, in the switcher. */
  languageName: 'English',
  switcherLabel: 'Language',
  /** Words after a link to a page that exists only in English, shown on other languages' pages. */
  inEnglish: '',
  skipLink: 'Skip to main content',
  home: 'Home',
  nav: {
    label: 'Main',
    articles: 'Articles',
    conditions: 'Conditions',
    faq: 'FAQ',
    location: 'Location & hours',
    search: 'Search',
  },
  call: 'Call',
  requestConsultation: 'Request a consultation',
  rssTitle: (clinic: string) => `${clinic} articles`,
  rssDescription: (clinic: string) => `Patient-education articles from ${clinic}.`,
  footer: {
    address: 'Address',
    mapLink: 'Map, directions and parking',
    hours: 'Hours',
    localTime: 'Local time',
    contact: 'Contact',
    phone: 'Phone',
    email: 'Email',
    disclaimer:
      'The information on this site is for education and does not replace advice from your own doctor. In an emergency, call 911. If you are thinking about suicide or are in crisis, call or text',
    partOf: 'part of',
    privacy: 'Privacy notice',
    feed: 'Articles feed (RSS)',
  },
  hours: {
    caption: 'Opening hours',
    closed: 'Closed',
  },
  homePage: {
    treatments: 'Treatments we offer',
    conditions: 'Conditions we treat',
    featured: 'Featured articles',
    allArticles: 'All articles',
    questions: 'Common questions',
    allQuestions: 'All questions and answers',
    visit: 'Visit us',
    mapAndTeam: 'Map, directions and our care team',
    about: 'About our clinic',
  },
  article: {
    by: 'By',
    published: 'Published',
    reviewedBy: 'Medically reviewed by',
    on: 'on',
    lastReviewed: 'Last medically reviewed on',
    references: 'References',
    relatedConditions: 'Related conditions',
    relatedQuestions: 'Related questions',
  },
  articleIndex: {
    title: 'Articles',
    pageTitle: (page: number, total: number) => `Articles, page ${page} of ${total}`,
    crumb: (page: number) => `Page ${page}`,
    description: (clinic: string) =>
      `Patient-education articles from ${clinic}: ketamine treatment, conditions we treat, and what to expect.`,
    empty: 'No articles have been published yet.',
  },
  pagination: {
    label: 'Article pages',
    newer: 'Newer articles',
    older: 'Older articles',
    page: 'Page',
  },
  conditionIndex: {
    title: 'Conditions',
    treated: 'Conditions we treat',
    other: 'Also covered in our articles',
    description: (clinic: string) =>
      `Conditions treated at ${clinic}, with articles and answers to common questions.`,
  },
  condition: {
    treated: (clinic: string) =>
      `Treated at ${clinic}. Ask us whether ketamine care may help you.`,
    notTreatedBefore: (name: string) =>
      `${name} is not among the conditions this clinic lists as treated. Call us at`,
    notTreatedAfter: 'to talk about your situation.',
    articlesAbout: (name: string) => `Articles about ${name}`,
    questionsAbout: (name: string) => `Questions about ${name}`,
  },
  contactPanel: {
    heading: 'Talk to our team',
    text: (city: string) =>
      `Wondering whether ketamine care could help you? Our clinicians in ${city} are happy to talk it through with you and, if you like, with your own doctor.`,
  },
  faq: {
    title: 'Frequently asked questions',
    crumb: 'FAQ',
    topicsLabel: 'Topics',
    empty: 'No questions have been published yet.',
    stillAsking: 'Still have a question?',
    description: (clinic: string) =>
      `Answers to common questions about ketamine treatment at ${clinic}: before, during and after your visit, safety and cost.`,
    topics: {
      before: 'Before treatment',
      during: 'During treatment',
      after: 'After treatment',
      safety: 'Safety',
      cost: 'Cost & insurance',
      general: 'General',
    } satisfies Record<FaqTopic, string>,
  },
  location: {
    title: 'Location & hours',
    description: (clinic: string, street: string, city: string, state: string) =>
      `${clinic}, ${street}, ${city}, ${state}: opening hours, map and directions, phone and our care team.`,
    address: 'Address',
    map: 'View on a map (OpenStreetMap)',
    directions: 'Get directions',
    contact: 'Contact',
    hours: 'Opening hours',
    driveNote:
      'Please arrange for someone to drive you home after an infusion: you cannot drive for the rest of the day.',
    careTeam: 'Our care team',
  },
  search: {
    title: 'Search',
    description: (clinic: string) =>
      `Search the articles, conditions and questions on the ${clinic} site.`,
    noscriptBefore: 'Search needs JavaScript. You can browse',
    allArticles: 'all articles',
    conditions: 'conditions',
    and: 'and',
    faq: 'questions and answers',
    noscriptAfter: 'instead.',
  },
  notFound: {
    title: 'Page not found',
    description: (clinic: string) => `This page does not exist on the ${clinic} site.`,
    text: 'Sorry, we could not find that page. It may have moved, or the address may be mistyped.',
    home: 'Home page',
    articles: 'All articles',
    faq: 'Frequently asked questions',
    search: 'Search the site',
    callBefore: 'Or call us at',
    callAfter: ': we are happy to help.',
  },
}

export type SiteStrings = typeof en

const es: SiteStrings = {
  htmlLang: 'es',
  ogLocale: 'es_US',
  languageName: 'Español',
  switcherLabel: 'Idioma',
  inEnglish: ' (en inglés)',
  skipLink: 'Ir al contenido principal',
  home: 'Inicio',
  nav: {
    label: 'Principal',
    articles: 'Artículos',
    conditions: 'Condiciones',
    faq: 'Preguntas frecuentes',
    location: 'Ubicación y horario',
    search: 'Buscar',
  },
  // Inside the tel: link: its spaces do not break (html-validate's tel-non-breaking).
  call: 'Llame\u00a0al',
  requestConsultation: 'Solicitar una consulta',
  rssTitle: (clinic) => `Artículos de ${clinic}`,
  rssDescription: (clinic) => `Artículos de educación para pacientes de ${clinic}.`,
  footer: {
    address: 'Dirección',
    mapLink: 'Mapa, cómo llegar y estacionamiento',
    hours: 'Horario',
    localTime: 'Hora local',
    contact: 'Contacto',
    phone: 'Teléfono',
    email: 'Correo electrónico',
    disclaimer:
      'La información de este sitio es educativa y no reemplaza los consejos de su propio médico. En una emergencia, llame al 911. Si está pensando en el suicidio o está en crisis, llame o envíe un mensaje de texto al',
    partOf: 'parte de',
    privacy: 'Aviso de privacidad',
    feed: 'Canal de artículos (RSS)',
  },
  hours: {
    caption: 'Horario de atención',
    closed: 'Cerrado',
  },
  homePage: {
    treatments: 'Tratamientos que ofrecemos',
    conditions: 'Condiciones que tratamos',
    featured: 'Artículos destacados',
    allArticles: 'Todos los artículos',
    questions: 'Preguntas comunes',
    allQuestions: 'Todas las preguntas y respuestas',
    visit: 'Visítenos',
    mapAndTeam: 'Mapa, cómo llegar y nuestro equipo de atención',
    about: 'Sobre nuestra clínica',
  },
  article: {
    by: 'Por',
    published: 'Publicado el',
    reviewedBy: 'Revisión médica de',
    on: 'el',
    lastReviewed: 'Última revisión médica el',
    references: 'Referencias',
    relatedConditions: 'Condiciones relacionadas',
    relatedQuestions: 'Preguntas relacionadas',
  },
  articleIndex: {
    title: 'Artículos',
    pageTitle: (page, total) => `Artículos, página ${page} de ${total}`,
    crumb: (page) => `Página ${page}`,
    description: (clinic) =>
      `Artículos de educación para pacientes de ${clinic}: el tratamiento con ketamina, las condiciones que tratamos y qué esperar.`,
    empty: 'Todavía no hay artículos publicados en español.',
  },
  pagination: {
    label: 'Páginas de artículos',
    newer: 'Artículos más recientes',
    older: 'Artículos anteriores',
    page: 'Página',
  },
  conditionIndex: {
    title: 'Condiciones',
    treated: 'Condiciones que tratamos',
    other: 'También en nuestros artículos',
    description: (clinic) =>
      `Condiciones que se tratan en ${clinic}, con artículos y respuestas a preguntas comunes.`,
  },
  condition: {
    treated: (clinic) =>
      `Se trata en ${clinic}. Pregúntenos si la atención con ketamina podría ayudarle.`,
    notTreatedBefore: (name) =>
      `${name} no está entre las condiciones que esta clínica trata. Llámenos al`,
    notTreatedAfter: 'para hablar de su situación.',
    articlesAbout: (name) => `Artículos sobre ${name.toLocaleLowerCase('es')}`,
    questionsAbout: (name) => `Preguntas sobre ${name.toLocaleLowerCase('es')}`,
  },
  contactPanel: {
    heading: 'Hable con nuestro equipo',
    text: (city) =>
      `¿Se pregunta si la atención con ketamina podría ayudarle? Nuestro equipo clínico en ${city} con gusto lo hablará con usted y, si lo desea, con su propio médico.`,
  },
  faq: {
    title: 'Preguntas frecuentes',
    crumb: 'Preguntas frecuentes',
    topicsLabel: 'Temas',
    empty: 'Todavía no hay preguntas publicadas en español.',
    stillAsking: '¿Todavía tiene una pregunta?',
    description: (clinic) =>
      `Respuestas a preguntas comunes sobre el tratamiento con ketamina en ${clinic}: antes, durante y después de su visita, seguridad y costo.`,
    topics: {
      before: 'Antes del tratamiento',
      during: 'Durante el tratamiento',
      after: 'Después del tratamiento',
      safety: 'Seguridad',
      cost: 'Costo y seguro médico',
      general: 'General',
    },
  },
  location: {
    title: 'Ubicación y horario',
    description: (clinic, street, city, state) =>
      `${clinic}, ${street}, ${city}, ${state}: horario, mapa y cómo llegar, teléfono y nuestro equipo de atención.`,
    address: 'Dirección',
    map: 'Ver en un mapa (OpenStreetMap)',
    directions: 'Cómo llegar',
    contact: 'Contacto',
    hours: 'Horario de atención',
    driveNote:
      'Pida a alguien que lo lleve a casa después de una infusión: no podrá manejar durante el resto del día.',
    careTeam: 'Nuestro equipo de atención',
  },
  search: {
    title: 'Buscar',
    description: (clinic) =>
      `Busque en los artículos, las condiciones y las preguntas del sitio de ${clinic}.`,
    noscriptBefore: 'La búsqueda necesita JavaScript. En su lugar, puede ver',
    allArticles: 'todos los artículos',
    conditions: 'las condiciones',
    and: 'y',
    faq: 'las preguntas y respuestas',
    noscriptAfter: '.',
  },
  notFound: {
    title: 'Página no encontrada',
    description: (clinic) => `Esta página no existe en el sitio de ${clinic}.`,
    text: 'Lo sentimos, no encontramos esa página. Es posible que se haya movido o que la dirección tenga un error.',
    home: 'Página de inicio',
    articles: 'Todos los artículos',
    faq: 'Preguntas frecuentes',
    search: 'Buscar en el sitio',
    callBefore: 'O llámenos al',
    callAfter: ': con gusto le ayudamos.',
  },
}

const STRINGS: Record<Locale, SiteStrings> = { en, es }

export const stringsFor = (locale: Locale): SiteStrings => STRINGS[locale]

/** "Monday" / "lunes": the language's own name of the day, from Intl (2024-01-01 was a Monday). */
export function dayNameIn(locale: Locale, day: Weekday, weekdays: readonly Weekday[]): string {
  const date = new Date(Date.UTC(2024, 0, 1 + weekdays.indexOf(day)))
  const name = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(date)
  return name[0]!.toLocaleUpperCase(locale) + name.slice(1)
}
