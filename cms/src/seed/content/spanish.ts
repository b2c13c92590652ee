/**
 * Spanish versions of part of the demo network, written by us for patients: "usted", plain words,
 * drug names unchanged. Keyed by the English document (article and condition slug, FAQ question,
 * clinic slug). Every other article stays English-only, so the sites show what happens when a
 * translation is missing. Each Spanish article has its own medical review.
 */
import type { Block } from './types'

export interface SpanishArticle {
  title: string
  excerpt: string
  body: Block[]
  /** The reference titles in Spanish, in the English order (the URLs are shared). */
  referenceTitles: string[]
  /** Reviewer key (people.ts): who checked that the Spanish says what the English says. */
  reviewer: string
  /** ISO date of the Spanish review, like SeedArticle.lastReviewed. */
  lastReviewed: string
}

export const spanishArticles: Record<string, SpanishArticle> = {
  'is-ketamine-infusion-right-for-you': {
    title: '¿Es la infusión de ketamina adecuada para usted?',
    excerpt:
      'La ketamina ayuda a algunas personas con depresión o dolor difíciles de tratar, pero no es para todos. Estas preguntas le ayudarán a decidir con su médico si vale la pena considerarla.',
    reviewer: 'naomi-feld',
    lastReviewed: '2026-05-02',
    body: [
      {
        p: 'Muchas personas nos escriben después de leer sobre la ketamina y se preguntan si podría ayudarles. Para algunas es una buena opción; para otras, otro tratamiento es más seguro o tiene más probabilidades de funcionar. Esta guía explica lo que nuestros médicos toman en cuenta, para que usted pueda hablarlo con su propio médico con más información.',
      },
      { h2: 'Lo que suelen tener en común los buenos candidatos' },
      {
        ul: [
          'Un diagnóstico confirmado por un profesional de la salud, como depresión mayor, TEPT, SDRC u otra forma de dolor crónico',
          'Varios tratamientos anteriores que no ayudaron lo suficiente o que causaron efectos secundarios difíciles de tolerar',
          'Un médico, terapeuta o psiquiatra que seguirá atendiéndole durante y después del tratamiento',
          'Expectativas realistas: buscar una mejoría importante, no una cura',
          'Un adulto de confianza que pueda llevarle a casa después de cada infusión',
        ],
      },
      { h2: 'Cuándo la ketamina puede no ser segura' },
      {
        p: 'La ketamina sube por un rato el ritmo del corazón y la presión arterial, y puede cambiar mucho la forma en que usted percibe las cosas. Podemos recomendarle no hacer el tratamiento, o pedir antes más información a sus médicos, si usted tiene:',
      },
      {
        ul: [
          'presión alta o una enfermedad del corazón que no está bien controlada',
          'antecedentes personales de psicosis o esquizofrenia',
          'consumo actual problemático de alcohol o drogas',
          'una enfermedad importante del hígado',
          'presión elevada dentro del ojo o del cráneo',
          'un embarazo, o planes de embarazarse pronto',
        ],
      },
      {
        p: 'Esta lista no está completa; por eso cada paciente tiene una revisión médica antes de programar cualquier tratamiento. Tener una de estas condiciones no siempre descarta la ketamina, pero sí significa que debemos trabajar de cerca con sus otros médicos y que quizás le propongamos primero alternativas más seguras.',
      },
      { h2: 'Por qué importan las expectativas' },
      {
        p: 'La ketamina puede hacer que algunas personas se sientan claramente mejor, a veces en pocas horas, pero no es una cura y no funciona para todos. Los beneficios suelen disminuir en semanas o meses, y muchas personas necesitan infusiones de refuerzo de vez en cuando. A quienes les va mejor suelen ver la ketamina como una herramienta entre varias, junto con terapia, rehabilitación o medicamentos, y no como una solución única.',
      },
      { h2: 'Preguntas que puede hacerse' },
      {
        ol: [
          '¿Qué he probado ya y qué pasó?',
          '¿Cómo sería para mí una mejoría importante: menos dolor, dormir mejor, volver al trabajo o a la vida familiar?',
          '¿Puedo comprometerme a varias citas durante dos o tres semanas, con alguien que me lleve cada vez?',
          '¿Mi equipo de atención actual está dispuesto a trabajar con una clínica de ketamina?',
        ],
      },
      { h2: 'Cómo es el primer paso' },
      {
        p: 'Su primera visita es una consulta, no un tratamiento. Un médico o enfermero practicante revisa su diagnóstico, sus medicamentos y sus tratamientos anteriores, le toma la presión y el pulso, y le pide llenar cuestionarios breves sobre su estado de ánimo o su dolor. Es posible que pidamos sus expedientes a sus otros médicos. Si la ketamina no parece adecuada para usted, se lo diremos y le sugeriremos otras opciones para hablar con su médico.',
      },
      {
        p: 'Como la ketamina para la depresión y para la mayoría de los tipos de dolor se usa fuera de lo indicado en su etiqueta, muchas veces el seguro no cubre las infusiones. Le explicamos el costo total de un tratamiento antes de que usted se comprometa a nada.',
      },
      {
        p: 'Casi siempre, el mejor siguiente paso es hablar con el médico que mejor le conoce. Si los dos piensan que vale la pena considerar la ketamina, solicite una consulta y seguiremos juntos desde ahí.',
      },
    ],
    referenceTitles: [
      'Instituto Nacional de Salud Mental (NIMH): Depresión',
      'Instituto Nacional de Salud Mental (NIMH): Trastorno de estrés postraumático',
      'MedlinePlus: Dolor crónico',
    ],
  },
  'what-to-expect-during-a-ketamine-infusion': {
    title: 'Cómo se siente una infusión de ketamina y qué esperar ese día',
    excerpt:
      'Desde que usted llega hasta que regresa a casa: lo que pasa durante una infusión de ketamina típica y cómo suelen describirla los pacientes.',
    reviewer: 'thomas-reyes',
    lastReviewed: '2026-06-03',
    body: [
      {
        p: 'Casi todas las personas se sienten un poco nerviosas antes de su primera infusión, y es completamente normal. Saber lo que va a pasar, paso a paso, suele hacer que la experiencia sea más tranquila. Así es una visita típica en nuestras clínicas.',
      },
      { h2: 'Cuando usted llega' },
      {
        p: 'Una enfermera le registra y confirma que usted siguió las indicaciones sobre comer y beber, y que la persona que le llevará a casa ya viene o está esperando. Usted se acomoda en un sillón reclinable en un cuarto privado. Le ponemos una pequeña vía intravenosa en la mano o el brazo y le conectamos monitores para el ritmo del corazón, la presión arterial y el oxígeno. Si suele sentir náuseas, podemos darle un medicamento para evitarlas antes de empezar. Antes de comenzar, su enfermera le explicará cada paso y contestará sus últimas preguntas, para que nada le tome por sorpresa.',
      },
      { h2: 'Durante la infusión' },
      {
        p: 'Una infusión típica para la depresión dura unos 45 minutos; los tratamientos para el dolor a veces duran más. Casi todos empiezan a notar el efecto en unos cinco minutos. Usted sigue despierto y puede hablar con nosotros todo el tiempo. No es anestesia general, y las dosis son mucho más bajas que las que se usan en una cirugía.',
      },
      {
        p: 'Cada persona lo describe de una manera distinta. Es común sentirse ligero o como si flotara, sentirse algo lejos del cuerpo o de lo que le rodea, notar los sonidos y colores diferentes, y sentir que el tiempo pasa de forma extraña. A algunas personas les parece agradable, como un sueño; a otras, raro. Las dos reacciones son normales y ninguna indica si el tratamiento le va a ayudar.',
      },
      { p: 'Algunas cosas que a muchos pacientes les ayudan:' },
      {
        ul: [
          'usar un antifaz y escuchar música tranquila sin letra',
          'elegir antes una intención sencilla, por ejemplo "voy a dejar que esto pase"',
          'dejar que la experiencia fluya en lugar de intentar controlarla',
          'avisar enseguida a su enfermera si se siente incómodo, con ansiedad o mal',
        ],
      },
      {
        p: 'Un profesional de la salud se queda con usted toda la infusión y puede hacerla más lenta o pausarla en cualquier momento. Si quiere platicar, ahí estamos; si prefiere quedarse en silencio con su música, le interrumpiremos lo menos posible.',
      },
      { h2: 'Después' },
      {
        p: 'Los efectos pasan rápido cuando termina la infusión. Usted descansará otros 45 a 60 minutos mientras vigilamos su presión y comprobamos que se sienta estable. Muchas personas se sienten un poco inestables o cansadas, y un bocadillo ligero y algo de tomar suelen ayudar. Cuando esté listo, le acompañamos hasta la persona que le llevará a casa.',
      },
      {
        ul: [
          'No maneje, no ande en bicicleta ni use maquinaria el resto del día.',
          'Evite el alcohol y las drogas recreativas 24 horas antes y 24 horas después de cada infusión.',
          'Deje las decisiones importantes para el día siguiente.',
          'Planee una tarde tranquila y anote cualquier cambio en su estado de ánimo o en su dolor.',
        ],
      },
      { h2: 'Efectos secundarios comunes y pasajeros' },
      {
        p: 'Los efectos que vemos con más frecuencia son náuseas, mareo, visión borrosa o doble, y un aumento pasajero del pulso y de la presión arterial. Normalmente se calman en menos de una hora. Si algo no se siente bien cuando ya esté en casa, llame a la clínica; en una emergencia, llame al 911.',
      },
      {
        p: 'Si tiene preguntas sobre su situación, hable con su médico o solicite una consulta. Con gusto le explicamos el día con más detalle antes de que haga su cita.',
      },
    ],
    referenceTitles: [
      'Sociedad Americana de Anestesiólogos: Made for This Moment (información sobre la anestesia para pacientes, en inglés)',
      'Administración para el Control de Drogas (DEA): Clasificación de drogas (en inglés)',
    ],
  },
  'meet-our-albuquerque-care-team': {
    title: 'Conozca a nuestro equipo de Albuquerque',
    excerpt:
      'Los médicos, la enfermera practicante y las enfermeras que le atienden en nuestra clínica de Albuquerque, y por qué eligieron este trabajo.',
    reviewer: 'naomi-feld',
    lastReviewed: '2026-03-10',
    body: [
      {
        p: 'Llegar a una clínica nueva es más fácil cuando usted sabe a quién va a conocer. Nuestro equipo de Albuquerque es pequeño a propósito, así que verá las mismas caras conocidas desde su consulta hasta su última infusión.',
      },
      { h2: 'Elena Marquez, MD, FACEP' },
      {
        p: 'La Dra. Marquez trabajó más de quince años como médica de urgencias antes de fundar la clínica junto con un colega. Dirige nuestra atención médica, revisa cada plan de tratamiento nuevo y muchas veces es quien le pone la vía intravenosa en su primer día.',
      },
      { h2: 'Sarah Lindqvist, PMHNP-BC' },
      {
        p: 'Sarah es enfermera practicante en salud mental. Hace las evaluaciones de salud mental y las visitas de seguimiento, y se mantiene en contacto con su terapeuta o psiquiatra para que el tratamiento con ketamina apoye el resto de su atención.',
      },
      { h2: 'Nuestro equipo de enfermería' },
      {
        p: 'Nuestras enfermeras registradas tienen experiencia en urgencias, cuidados intensivos y recuperación. Una de ellas se queda con usted durante toda la infusión, vigila los monitores y se asegura de que usted se sienta bien antes de irse.',
      },
      {
        p: 'Nos encantaría conocerle. Solicite una consulta, o llame a la clínica si tiene preguntas sobre si nuestro equipo es adecuado para usted.',
      },
    ],
    referenceTitles: [],
  },
  'new-private-infusion-suites-temecula': {
    title: 'Nuestras nuevas salas privadas de infusión en Temecula',
    excerpt:
      'Nuestra clínica de Temecula se mudó a un espacio más grande, con seis salas privadas de infusión, más citas los sábados y estacionamiento más fácil.',
    reviewer: 'thomas-reyes',
    lastReviewed: '2026-04-20',
    body: [
      {
        p: 'Nos da mucho gusto recibir a nuestros pacientes en nuestra nueva casa en Ynez Road. La mudanza nos da espacio para seis salas privadas de infusión, un área de recuperación más tranquila y más citas, también los sábados.',
      },
      { h2: 'Pensadas para cómo se siente una infusión' },
      {
        p: 'Como la ketamina puede hacer que los sonidos y la luz se sientan más intensos, diseñamos cada sala para que sea tranquila y predecible. Cada cuarto tiene paredes que reducen el ruido, cortinas que bloquean la luz, luces que se pueden atenuar y un sillón reclinable con una cobija calientita.',
      },
      {
        ul: [
          'Seis salas privadas, cada una con su propio equipo de monitoreo',
          'Una sala de recuperación aparte donde la persona que le acompaña puede esperar con usted',
          'Acceso sin escalones desde el estacionamiento hasta cada cuarto',
          'Una zona techada para dejar y recoger pacientes junto a la entrada',
        ],
      },
      { h2: 'La misma atención cuidadosa' },
      {
        p: 'Nuestro anestesiólogo y nuestros enfermeros anestesistas siguen supervisando cada infusión. El nuevo espacio cambia el entorno, no las normas de seguridad: monitoreo continuo, un profesional de la salud con usted todo el tiempo y un periodo completo de recuperación antes de que se vaya a casa.',
      },
      {
        p: 'Si quiere conocer las nuevas salas antes de hacer su cita, pida un recorrido corto cuando solicite su consulta.',
      },
    ],
    referenceTitles: [],
  },
  'parking-and-getting-to-our-waxahachie-clinic': {
    title: 'Cómo llegar y dónde estacionarse en nuestra clínica de Waxahachie',
    excerpt:
      'Indicaciones, estacionamiento gratis, entradas accesibles y consejos para la persona que le lleva a casa desde nuestra clínica de Waxahachie.',
    reviewer: 'thomas-reyes',
    lastReviewed: '2026-05-19',
    body: [
      {
        p: 'Nuestra clínica de Waxahachie está en North Highway 77, a poca distancia de la Interestatal 35E. Aquí tiene todo lo que necesita saber para llegar y regresar a casa con seguridad.',
      },
      { h2: 'Cómo llegar en carro' },
      {
        p: 'Desde Dallas y los suburbios del norte, tome la I-35E hacia el sur en dirección a Waxahachie y siga las señales hacia la Highway 77. La clínica está en un edificio de ladrillo de un solo piso con entrada techada, en la Suite 104. La mayoría de los pacientes de Midlothian, Red Oak y Ennis llegan en unos 15 a 25 minutos.',
      },
      { h2: 'Estacionamiento' },
      {
        ul: [
          'Estacionamiento gratis justo enfrente del edificio, sin necesidad de permiso',
          'Espacios para personas con discapacidad junto a la entrada, que no tiene escalones',
          'Una zona techada donde la persona que le lleva puede recogerle en la puerta',
        ],
      },
      { h2: 'Para la persona que le lleva a casa' },
      {
        p: 'Después de cada infusión, un adulto responsable tiene que llevarle a casa; no se permite irse solo en taxi o en un servicio de transporte por aplicación. La persona que le acompaña puede esperar en nuestra sala de espera, que tiene Wi-Fi y café, o hacer mandados cerca. Le llamaremos cuando a usted le falten unos 15 minutos para estar listo.',
      },
      {
        p: 'En esta zona hay pocas opciones de transporte público; si le cuesta conseguir quien le lleve, díganos al hacer su cita y le ayudaremos a pensar en opciones.',
      },
    ],
    referenceTitles: [],
  },
}

/** Spanish FAQs, keyed by the English question; each answer is a paragraph or two. */
export const spanishFaqs: Record<string, { question: string; answer: Block[] }> = {
  'What is ketamine infusion therapy?': {
    question: '¿Qué es la terapia de infusión de ketamina?',
    answer: [
      {
        p: 'La ketamina es un medicamento anestésico que se usa en los hospitales desde los años sesenta. En la terapia de infusión, se le da una dosis baja poco a poco por la vena mientras un profesional de la salud le vigila. Se usa, muchas veces fuera de lo indicado en la etiqueta, para algunas personas con depresión, TEPT o dolor crónico que no han respondido bien a otros tratamientos.',
      },
    ],
  },
  'Do I need a referral?': {
    question: '¿Necesito que me refiera un médico?',
    answer: [
      {
        p: 'No siempre. Usted mismo puede solicitar una consulta. Para la depresión, el TEPT y otras condiciones de salud mental, normalmente pedimos estar en contacto con el profesional que le diagnosticó o que lleva su atención, y es posible que pidamos su expediente antes de programar el tratamiento.',
      },
      {
        p: 'Si su plan de seguro exige una referencia para ver a un especialista, consulte con su plan antes de la consulta.',
      },
    ],
  },
  'Can I eat before my infusion?': {
    question: '¿Puedo comer antes de mi infusión?',
    answer: [
      {
        p: 'Le daremos indicaciones específicas al hacer su cita. A la mayoría de los pacientes les pedimos no comer alimentos sólidos unas seis horas antes y tomar solo líquidos claros, como agua, hasta dos horas antes. Así baja la probabilidad de sentir náuseas durante el tratamiento.',
      },
    ],
  },
  'Will I be sedated or put to sleep?': {
    question: '¿Me van a sedar o dormir?',
    answer: [
      {
        p: 'No. Las dosis que usamos son mucho más bajas que las de la anestesia. Usted sigue despierto y puede hablar con nosotros todo el tiempo, aunque quizá se sienta relajado, como soñando o algo desconectado. No va a perder el conocimiento por completo.',
      },
    ],
  },
  'How long does an infusion take?': {
    question: '¿Cuánto dura una infusión?',
    answer: [
      {
        p: 'Una infusión típica para la depresión dura unos 45 minutos, y después descansa de 45 a 60 minutos. Algunos tratamientos para el dolor usan infusiones más largas. Para la mayoría de las visitas, calcule unas dos horas en total.',
      },
    ],
  },
  'Can I stop the infusion if I feel uncomfortable?': {
    question: '¿Puedo detener la infusión si me siento incómodo?',
    answer: [
      {
        p: 'Sí. Avísele a su enfermera en cualquier momento y podemos hacer la infusión más lenta, pausarla o detenerla. Como la ketamina sale rápido de la sangre, la mayoría de los efectos se calman en pocos minutos.',
      },
    ],
  },
  'Can I drive afterwards?': {
    question: '¿Puedo manejar después?',
    answer: [
      {
        p: 'No. No debe manejar, andar en bicicleta ni usar maquinaria el resto del día. Un adulto responsable tiene que llevarle a casa; no se permite irse solo en taxi o en un servicio de transporte por aplicación. La mayoría de las personas se sienten normales a la mañana siguiente.',
      },
    ],
  },
  'How quickly does ketamine work?': {
    question: '¿Qué tan rápido funciona la ketamina?',
    answer: [
      {
        p: 'Depende. Algunas personas notan una mejoría en su ánimo o en su dolor a las pocas horas de la primera infusión. Otras solo notan un cambio después de varias sesiones, y a algunas no les ayuda. Seguimos sus síntomas durante todo el tratamiento para decidir juntos si conviene continuar.',
      },
    ],
  },
  'What is a booster infusion?': {
    question: '¿Qué es una infusión de refuerzo?',
    answer: [
      {
        p: 'Un refuerzo es una sola infusión que se da después de la primera serie, normalmente cuando los síntomas empiezan a regresar. Algunas personas necesitan una cada pocas semanas, otras cada pocos meses, y algunas nunca. Decidimos cuándo según cómo se siente usted, no con un calendario fijo.',
      },
    ],
  },
  'Is ketamine addictive?': {
    question: '¿La ketamina crea adicción?',
    answer: [
      {
        p: 'La ketamina es una sustancia controlada de la Lista III, lo que significa que puede usarse mal y causar dependencia. Ese riesgo está ligado sobre todo al uso recreativo, frecuente y en dosis altas. En una clínica con supervisión, con dosis bajas y espaciadas, el riesgo se considera bajo, pero no es cero.',
      },
      {
        p: 'Por favor, cuéntenos sobre cualquier consumo de sustancias, pasado o actual. Nunca le damos ketamina para llevar a casa.',
      },
    ],
  },
  'Can I drink alcohol around my infusions?': {
    question: '¿Puedo tomar alcohol antes o después de mis infusiones?',
    answer: [
      {
        p: 'Por favor, evite el alcohol y las drogas recreativas 24 horas antes y 24 horas después de cada infusión. Mezclarlos con la ketamina aumenta el riesgo de efectos secundarios como náuseas, confusión y respiración más lenta.',
      },
    ],
  },
  'Do you offer payment plans?': {
    question: '¿Ofrecen planes de pago?',
    answer: [
      {
        p: 'Sí. Podemos repartir el costo de la primera serie en varios meses. Pregunte por las opciones al hacer su cita de consulta.',
      },
    ],
  },
}

/** Spanish names and summaries of every condition (the condition pages' bodies stay English). */
export const spanishConditions: Record<string, { name: string; summary: string }> = {
  depression: {
    name: 'Depresión',
    summary:
      'La depresión mayor que no ha mejorado con dos o más antidepresivos puede evaluarse para tratamiento con ketamina, junto con su atención habitual.',
  },
  ptsd: {
    name: 'Trastorno de estrés postraumático (TEPT)',
    summary:
      'El TEPT puede aparecer después de un hecho aterrador o violento. Se estudia la ketamina como apoyo cuando la terapia y los medicamentos no han ayudado lo suficiente.',
  },
  ocd: {
    name: 'Trastorno obsesivo-compulsivo (TOC)',
    summary:
      'El TOC causa pensamientos e impulsos repetitivos que la persona no desea. La investigación sobre la ketamina para el TOC apenas empieza, así que evaluamos cada caso con cuidado.',
  },
  anxiety: {
    name: 'Trastornos de ansiedad',
    summary:
      'Ansiedad persistente que afecta la vida diaria. A veces se considera la ketamina cuando la ansiedad viene con una depresión que no ha respondido al tratamiento.',
  },
  'bipolar-depression': {
    name: 'Depresión bipolar',
    summary:
      'La fase depresiva del trastorno bipolar. La ketamina para la depresión bipolar todavía se está investigando y solo se considera junto con su psiquiatra.',
  },
  'chronic-pain': {
    name: 'Dolor crónico',
    summary:
      'Dolor que dura más de unos tres meses. Las infusiones de ketamina pueden bajar el dolor en algunos pacientes y ser parte de un plan que dependa menos de los opioides.',
  },
  crps: {
    name: 'Síndrome de dolor regional complejo (SDRC)',
    summary:
      'Dolor intenso y duradero, casi siempre en un brazo o una pierna después de una lesión. Los especialistas usan la ketamina cuando otros tratamientos no bastan.',
  },
  fibromyalgia: {
    name: 'Fibromialgia',
    summary:
      'Dolor en todo el cuerpo con cansancio, mal sueño y problemas de memoria. La ketamina puede ayudar a algunos pacientes; la evidencia es mixta, así que ajustamos cada plan.',
  },
  'neuropathic-pain': {
    name: 'Dolor neuropático',
    summary:
      'Dolor ardiente, punzante o como descargas eléctricas por daño en los nervios, como en la neuropatía diabética o el herpes zóster. La ketamina puede aliviarlo en algunos pacientes.',
  },
  migraine: {
    name: 'Migraña',
    summary:
      'Dolores de cabeza repetidos, a menudo incapacitantes, con náuseas y molestia con la luz. A veces se usa la ketamina para la migraña grave y difícil de tratar.',
  },
  'phantom-limb-pain': {
    name: 'Dolor de miembro fantasma',
    summary:
      'Dolor que se siente en un brazo o una pierna que fue amputado. Los especialistas en dolor han usado la ketamina para aliviarlo en algunos pacientes, como parte de una atención más amplia.',
  },
}

/** Spanish "about" text of every clinic. */
export const spanishClinics: Record<string, { about: Block[] }> = {
  albuquerque: {
    about: [
      {
        p: 'Nuestra clínica de Albuquerque, la primera de nuestra red, la fundaron dos médicos de urgencias, la Dra. Elena Marquez y el Dr. James Okafor. Durante años atendieron a personas en crisis por dolor intenso y depresión, y quisieron ofrecer para la terapia con ketamina un lugar más tranquilo y personal que un hospital lleno de gente.',
      },
      {
        p: 'Cada infusión se hace en un cuarto privado con sillón reclinable, luz que se puede atenuar y la música que usted elija, mientras un profesional de la salud vigila su pulso, su presión arterial y su oxígeno todo el tiempo.',
      },
      {
        p: 'Atendemos a muchos veteranos y personal de emergencias, y trabajamos de cerca con terapeutas, psiquiatras y especialistas en dolor de la zona, para que la ketamina se sume a la atención que usted ya recibe en lugar de reemplazarla.',
      },
    ],
  },
  waxahachie: {
    about: [
      {
        p: 'La clínica de Waxahachie abrió para que los pacientes del sur de Dallas ya no tuvieran que manejar hasta la ciudad para recibir terapia con ketamina. La dirige un médico de urgencias certificado que creció en el condado de Ellis y ha pasado gran parte de su carrera atendiendo a personas con dolor intenso.',
      },
      {
        p: 'Mantenemos a propósito una agenda pequeña. Cada paciente tiene un cuarto privado de infusión, una enfermera dedicada durante el tratamiento y tiempo para descansar después, antes de que un familiar o amigo le lleve a casa.',
      },
    ],
  },
  temecula: {
    about: [
      {
        p: 'Nuestra clínica de Temecula la dirige un anestesiólogo certificado y la atienden enfermeros anestesistas, así que cada infusión la supervisan profesionales que han usado la ketamina en quirófanos durante años.',
      },
      {
        p: 'En 2026 nos mudamos a un espacio más grande con seis salas privadas de infusión, cada una con sillón reclinable, cortinas que bloquean la luz, paredes que reducen el ruido y una ventana hacia un patio tranquilo.',
      },
      {
        p: 'Atendemos a pacientes de todo el suroeste del condado de Riverside y del norte del condado de San Diego, y tenemos citas los sábados para quienes no pueden faltar al trabajo entre semana.',
      },
    ],
  },
}

/** Spanish names of the clinics' treatments, keyed by the English name. */
export const spanishTreatments: Record<string, string> = {
  'IV ketamine infusion for depression and PTSD':
    'Infusión de ketamina por vena para la depresión y el TEPT',
  'IV ketamine infusion for chronic pain': 'Infusión de ketamina por vena para el dolor crónico',
  'Booster infusions': 'Infusiones de refuerzo',
  'Esketamine nasal spray': 'Esketamine en aerosol nasal',
  'Follow-up and integration visits': 'Visitas de seguimiento e integración',
  'IV ketamine infusion for depression and anxiety':
    'Infusión de ketamina por vena para la depresión y la ansiedad',
  'Extended infusion protocols for CRPS': 'Infusiones prolongadas para el SDRC',
  'IV ketamine infusion for mood disorders':
    'Infusión de ketamina por vena para los trastornos del ánimo',
  'IV ketamine infusion for chronic and neuropathic pain':
    'Infusión de ketamina por vena para el dolor crónico y neuropático',
  'Saturday infusion appointments': 'Citas de infusión los sábados',
}
