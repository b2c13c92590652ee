import type { SeedFaq } from './types'

export const faqs: SeedFaq[] = [
  // general
  {
    question: 'What is ketamine infusion therapy?',
    answer: [
      {
        p: 'Ketamine is an anesthetic medicine that has been used in hospitals since the 1960s. In infusion therapy, a low dose is given slowly through an IV while a clinician monitors you. It is used, often off-label, for some people with depression, PTSD and chronic pain conditions that have not responded well to other treatments.',
      },
    ],
    topic: 'general',
    conditions: [],
    scope: 'network',
    order: 1,
  },
  {
    question: 'Which conditions do you treat?',
    answer: [
      {
        p: 'Our clinics treat mood conditions such as depression and PTSD, and pain conditions such as CRPS, neuropathic pain and fibromyalgia. The exact list varies slightly by clinic, so check the conditions page for your nearest location.',
      },
      {
        p: 'Having one of these diagnoses does not automatically mean ketamine is right for you. Every patient has a consultation first.',
      },
    ],
    topic: 'general',
    conditions: [],
    scope: 'network',
    order: 2,
  },
  {
    question: 'Is ketamine FDA-approved for depression?',
    answer: [
      {
        p: 'Esketamine nasal spray, a medicine closely related to ketamine, is FDA-approved for treatment-resistant depression in adults. IV ketamine is FDA-approved as an anesthetic, and its use for depression and most pain conditions is off-label. Off-label prescribing is legal and common, and we will explain what it means for you during your consultation.',
      },
    ],
    topic: 'general',
    conditions: ['depression'],
    scope: 'network',
    order: 3,
  },
  {
    question: 'Will ketamine replace my current treatment?',
    answer: [
      {
        p: 'No. Ketamine is meant to work alongside the care you already have, such as therapy, medication and physical therapy. Please do not stop any treatment without talking to the doctor who manages it.',
      },
    ],
    topic: 'general',
    conditions: [],
    scope: 'network',
    order: 4,
  },
  {
    question: 'Do you offer Saturday appointments in Temecula?',
    answer: [
      {
        p: 'Yes. Our Temecula clinic is open on Saturdays from 8:00 a.m. to 2:00 p.m. for infusions and follow-up visits. Saturday slots fill quickly, so we recommend booking a week or two ahead, especially during your initial series.',
      },
    ],
    topic: 'general',
    conditions: [],
    scope: 'temecula',
    order: 5,
  },

  // before
  {
    question: 'Do I need a referral?',
    answer: [
      {
        p: 'Not always. You can request a consultation yourself. For depression, PTSD and other mental health conditions, we usually ask to be in touch with the clinician who diagnosed you or manages your care, and we may request your records before scheduling treatment.',
      },
      {
        p: 'If your insurance plan requires a referral for specialist visits, check with your plan before your consultation.',
      },
    ],
    topic: 'before',
    conditions: [],
    scope: 'network',
    order: 1,
  },
  {
    question: 'What should I do before my appointment?',
    answer: [
      {
        ul: [
          'Arrange a responsible adult to drive you home.',
          'Follow the eating and drinking instructions we send you.',
          'Avoid alcohol and recreational drugs for 24 hours beforehand.',
          'Bring a list of your medicines and any questions you have.',
        ],
      },
    ],
    topic: 'before',
    conditions: [],
    scope: 'network',
    order: 2,
  },
  {
    question: 'Can I eat before my infusion?',
    answer: [
      {
        p: 'We will give you specific instructions when you book. Most patients are asked not to eat solid food for about six hours beforehand and to drink only clear liquids, such as water, until two hours before. This lowers the chance of nausea during treatment.',
      },
    ],
    topic: 'before',
    conditions: [],
    scope: 'network',
    order: 3,
  },
  {
    question: 'Should I keep taking my usual medicines?',
    answer: [
      {
        p: 'In most cases, yes. A few medicines, such as some sedatives, can affect how ketamine works, so we review everything you take during your consultation. Never stop or change a medicine on your own; we will coordinate any changes with the doctor who prescribes it.',
      },
    ],
    topic: 'before',
    conditions: [],
    scope: 'network',
    order: 4,
  },
  {
    question: 'Where do I park at the Waxahachie clinic?',
    answer: [
      {
        p: 'Parking is free, directly in front of the building on North Highway 77. Accessible spaces are next to the entrance, and there is a covered drop-off area so your driver can collect you at the door after your infusion.',
      },
    ],
    topic: 'before',
    conditions: [],
    scope: 'waxahachie',
    order: 5,
  },

  // during
  {
    question: 'How will I feel during treatment?',
    answer: [
      {
        p: 'Most people notice the effects within about five minutes. Common sensations include feeling light or floating, a sense of distance from your body, and changes in how sounds, colors or time seem. Some people find it pleasant and others find it strange.',
      },
      {
        p: 'The effects fade quickly once the infusion stops, and a clinician stays with you the whole time.',
      },
    ],
    topic: 'during',
    conditions: [],
    scope: 'network',
    order: 1,
  },
  {
    question: 'Will I be sedated or put to sleep?',
    answer: [
      {
        p: 'No. The doses we use are much lower than those used for anesthesia. You stay awake and can talk to us throughout, although you may feel relaxed, dreamy or detached. You will not be fully unconscious.',
      },
    ],
    topic: 'during',
    conditions: [],
    scope: 'network',
    order: 2,
  },
  {
    question: 'How long does an infusion take?',
    answer: [
      {
        p: 'A typical infusion for depression lasts about 45 minutes, followed by 45 to 60 minutes of rest. Some pain protocols use longer infusions. Plan on about two hours in total for most visits.',
      },
    ],
    topic: 'during',
    conditions: ['depression', 'chronic-pain'],
    scope: 'network',
    order: 3,
  },
  {
    question: 'Can I stop the infusion if I feel uncomfortable?',
    answer: [
      {
        p: 'Yes. Tell your nurse at any point and we can slow, pause or stop the infusion. Because ketamine leaves the bloodstream quickly, most effects ease within minutes.',
      },
    ],
    topic: 'during',
    conditions: [],
    scope: 'network',
    order: 4,
  },

  // after
  {
    question: 'Can I drive afterwards?',
    answer: [
      {
        p: 'No. You must not drive, cycle or operate machinery for the rest of the day. A responsible adult needs to take you home; a taxi or rideshare on your own is not allowed. Most people feel back to normal by the next morning.',
      },
    ],
    topic: 'after',
    conditions: [],
    scope: 'network',
    order: 1,
  },
  {
    question: 'How quickly does ketamine work?',
    answer: [
      {
        p: 'It varies. Some people notice an improvement in mood or pain within hours of their first infusion. Others only notice a change after several sessions, and some do not benefit. We track your symptoms throughout so we can decide together whether to continue.',
      },
    ],
    topic: 'after',
    conditions: ['depression', 'chronic-pain'],
    scope: 'network',
    order: 2,
  },
  {
    question: 'How many infusions will I need?',
    answer: [
      {
        p: 'A typical initial course is several infusions over two to three weeks. For depression, six infusions is a common plan; pain treatment may follow a different schedule. After that, some people need occasional booster infusions.',
      },
    ],
    topic: 'after',
    conditions: ['depression', 'chronic-pain'],
    scope: 'network',
    order: 3,
  },
  {
    question: 'What is a booster infusion?',
    answer: [
      {
        p: 'A booster is a single infusion given after your initial series, usually when symptoms start to return. Some people need one every few weeks, others every few months, and some not at all. We base the timing on how you are doing rather than a fixed calendar.',
      },
    ],
    topic: 'after',
    conditions: ['depression', 'ptsd', 'chronic-pain'],
    scope: 'network',
    order: 4,
  },
  {
    question: 'Can I go back to work the same day?',
    answer: [
      {
        p: 'We recommend taking the rest of the day off. You may feel tired or slightly unsteady for a few hours, and it is best to put off important decisions until the next day. Most people return to their usual routine the following morning.',
      },
    ],
    topic: 'after',
    conditions: [],
    scope: 'network',
    order: 5,
  },

  // safety
  {
    question: 'Is ketamine addictive?',
    answer: [
      {
        p: 'Ketamine is a Schedule III controlled substance, which means it has some potential for misuse and dependence. The risk is mainly linked to frequent, high-dose recreational use. In a supervised clinic, with low doses given at spaced intervals, the risk is considered low but not zero.',
      },
      {
        p: 'Please tell us about any past or current substance use. We never send ketamine home with patients.',
      },
    ],
    topic: 'safety',
    conditions: [],
    scope: 'network',
    order: 1,
  },
  {
    question: 'What are the side effects?',
    answer: [
      {
        p: 'The most common are dissociation, changes in perception, nausea, dizziness, blurred or double vision, and a temporary rise in heart rate and blood pressure. Most settle within an hour of the infusion ending.',
      },
      {
        p: 'We can offer anti-nausea medicine and adjust the dose if side effects bother you.',
      },
    ],
    topic: 'safety',
    conditions: [],
    scope: 'network',
    order: 2,
  },
  {
    question: 'Who should not have ketamine?',
    answer: [
      {
        p: 'Ketamine may not be safe, or may need extra precautions, for people with:',
      },
      {
        ul: [
          'uncontrolled high blood pressure or heart disease',
          'a history of psychosis or schizophrenia',
          'active alcohol or drug misuse',
          'significant liver disease',
          'a current pregnancy',
        ],
      },
      {
        p: 'This is not a complete list, which is why everyone has a medical review first. Talk to your doctor if you are unsure.',
      },
    ],
    topic: 'safety',
    conditions: [],
    scope: 'network',
    order: 3,
  },
  {
    question: 'Can I drink alcohol around my infusions?',
    answer: [
      {
        p: 'Please avoid alcohol and recreational drugs for 24 hours before and 24 hours after each infusion. Combining them with ketamine increases the risk of side effects such as nausea, confusion and slowed breathing.',
      },
    ],
    topic: 'safety',
    conditions: [],
    scope: 'network',
    order: 4,
  },

  // cost
  {
    question: 'Is ketamine infusion covered by insurance?',
    answer: [
      {
        p: 'Often it is not, because IV ketamine is used off-label for depression and most pain conditions. Some plans cover part of the consultation or related visits. We give you a written estimate for your full course of treatment before you start.',
      },
      {
        p: 'Many patients use health savings account (HSA) or flexible spending account (FSA) funds; check with your plan administrator.',
      },
    ],
    topic: 'cost',
    conditions: [],
    scope: 'network',
    order: 1,
  },
  {
    question: 'Is esketamine nasal spray covered by insurance?',
    answer: [
      {
        p: 'Because esketamine is FDA-approved for treatment-resistant depression, many insurance plans cover it, usually after prior authorization. Our team can help with the paperwork at clinics that offer esketamine.',
      },
    ],
    topic: 'cost',
    conditions: ['depression'],
    scope: 'network',
    order: 2,
  },
  {
    question: 'Do you offer payment plans?',
    answer: [
      {
        p: 'Yes. We can spread the cost of an initial series over several months. Ask about options when you book your consultation.',
      },
    ],
    topic: 'cost',
    conditions: [],
    scope: 'network',
    order: 3,
  },
  {
    question: 'Does the Albuquerque clinic work with VA Community Care?',
    answer: [
      {
        p: 'We see many veterans in Albuquerque. If you receive care through the VA, we can help you ask your VA care team whether treatment with us could be authorized through the Community Care program. Approval is decided by the VA, so please check with them before your first infusion.',
      },
      {
        p: 'For other insurance, we provide an itemized receipt you can submit to your plan for possible out-of-network reimbursement.',
      },
    ],
    topic: 'cost',
    conditions: ['ptsd', 'depression', 'chronic-pain'],
    scope: 'albuquerque',
    order: 4,
  },
]
