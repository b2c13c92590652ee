import type { SeedArticle } from './types'

export const articles: SeedArticle[] = [
  {
    slug: 'ketamine-for-chronic-pain-and-opioids',
    title: 'Ketamine infusions for chronic pain: an option alongside, or instead of, opioids',
    excerpt:
      'Why some people with long-lasting pain are asking about ketamine, how it differs from opioids, and what the evidence can and cannot tell you.',
    owner: 'network',
    syndicatedTo: 'all',
    canonicalClinic: 'waxahachie',
    conditions: ['chronic-pain', 'neuropathic-pain', 'fibromyalgia'],
    author: 'james-okafor',
    reviewer: 'thomas-reyes',
    lastReviewed: '2026-03-12',
    heroAlt:
      'A middle-aged man in a gray sweater stretches his shoulder beside a sunny kitchen window, looking relaxed.',
    body: [
      {
        p: 'Living with pain that never fully switches off wears people down. Many of the patients we meet have already tried physical therapy, injections, nerve medicines and, at some point, opioids. They are looking for something that might help without the risks that long-term opioid use can bring. Low-dose ketamine infusions are one option worth discussing with your doctor, and this article explains what ketamine is, how it differs from opioids and what the evidence does and does not show.',
      },
      { h2: 'How common chronic pain is' },
      {
        p: "Pain is generally called chronic once it has lasted longer than about three months. It is remarkably common. In national survey data analyzed by the CDC's National Center for Health Statistics, about one in five US adults reported chronic pain in 2019, and roughly 7 percent said it frequently limited their work or daily life. An earlier analysis funded by the NIH's National Center for Complementary and Integrative Health estimated that more than 11 percent of adults had pain every single day for three months.",
      },
      { h2: 'The problem with relying on opioids' },
      {
        p: 'Opioids can work well for short-term pain, such as in the days after surgery, but their benefit for long-term pain is less certain and the risks grow with time and dose. The National Institute on Drug Abuse (NIDA) estimates that roughly 21 to 29 percent of patients prescribed opioids for chronic pain misuse them. NIDA also reports that nearly 50,000 people in the United States died from opioid-involved overdoses in 2019.',
      },
      {
        p: "For these reasons, the CDC's 2022 clinical practice guideline on opioid prescribing advises that non-drug and nonopioid treatments should be preferred for chronic pain, with opioids considered only when the expected benefits for pain and function outweigh the risks.",
      },
      { h2: 'How ketamine is different' },
      {
        p: "Ketamine was developed in the 1960s as an anesthetic and is still used every day in operating rooms and emergency departments. It appears on the World Health Organization's Model List of Essential Medicines. In the United States it is a Schedule III controlled substance, which means it has accepted medical uses but must be stored, prescribed and given with care.",
      },
      {
        p: 'Opioids dull pain mainly by acting on opioid receptors. Ketamine works on a different target, the NMDA receptor, which helps the nervous system amplify and "remember" pain. When pain lasts for months, this amplification, often called central sensitization, can keep pain signals firing long after an injury has healed. Given slowly and in low doses, ketamine may help quiet that process. At these doses it usually has little effect on breathing, although we still monitor your oxygen level throughout every infusion.',
      },
      { h2: 'What the evidence suggests' },
      {
        p: 'Research on ketamine for chronic pain is strongest for certain conditions, such as complex regional pain syndrome and some types of neuropathic pain, and weaker or more mixed for others. Some patients who respond describe their pain dropping by as much as half. That figure comes from small studies and from patient reports in clinics like ours, so it is a best case rather than an expectation. Not everyone responds, and relief usually lasts weeks to months rather than being permanent.',
      },
      { p: 'Ketamine may be worth raising with your doctor if:' },
      {
        ul: [
          'your pain has lasted longer than three months despite several standard treatments',
          "you want to rely less on opioids, with your prescriber's guidance",
          'you have a diagnosis such as CRPS, neuropathic pain or fibromyalgia',
          'you do not have uncontrolled high blood pressure, serious heart disease or a history of psychosis',
        ],
      },
      { h2: 'Part of a plan, not a standalone fix' },
      {
        p: 'Infusions tend to work best alongside other care: physical therapy, psychological support such as pain-focused cognitive behavioral therapy, sleep and activity routines, and the medicines your doctor recommends. If you currently take opioids, never stop them suddenly. Any change should be planned with the doctor who prescribes them, and we are glad to coordinate with that doctor.',
      },
      {
        p: 'If you would like to know whether ketamine could fit into your pain plan, request a consultation or ask your doctor about a referral. We will review your history honestly and tell you if we think a different option would serve you better.',
      },
    ],
    references: [
      {
        title:
          'CDC, NCHS Data Brief No. 390: Chronic Pain and High-impact Chronic Pain Among U.S. Adults, 2019',
        url: 'https://www.cdc.gov/nchs/products/databriefs/db390.htm',
      },
      {
        title: 'National Institute on Drug Abuse: Opioids',
        url: 'https://nida.nih.gov/research-topics/opioids',
      },
      {
        title:
          'CDC Clinical Practice Guideline for Prescribing Opioids for Pain, United States, 2022',
        url: 'https://www.cdc.gov/mmwr/volumes/71/rr/rr7103a1.htm',
      },
      {
        title: 'World Health Organization: Essential Medicines Lists',
        url: 'https://www.who.int/groups/expert-committee-on-selection-and-use-of-essential-medicines/essential-medicines-lists',
      },
    ],
  },
  {
    slug: 'ketamine-for-treatment-resistant-depression',
    title: 'Ketamine for treatment-resistant depression: what the research shows',
    excerpt:
      'Ketamine can ease depressive symptoms quickly for some people who have not responded to other treatments. Here is what studies show, what they do not, and what to ask your doctor.',
    owner: 'network',
    syndicatedTo: 'all',
    canonicalClinic: 'albuquerque',
    conditions: ['depression', 'anxiety'],
    author: 'sarah-lindqvist',
    reviewer: 'naomi-feld',
    lastReviewed: '2026-02-03',
    heroAlt:
      'A young woman sits on a porch step at sunrise holding a mug with both hands, gazing toward distant mountains.',
    body: [
      {
        p: 'Depression that does not lift despite trying several medications can feel isolating and exhausting. If that sounds familiar, you are far from alone, and there are still options to explore with your care team. One of the most closely studied in recent years is ketamine.',
      },
      { h2: 'What "treatment-resistant" means' },
      {
        p: 'Psychiatrists generally use the term treatment-resistant depression when someone has tried at least two different antidepressants, at an adequate dose and for long enough, without enough improvement. The National Institute of Mental Health (NIMH) describes major depression as one of the most common mental disorders in the United States, and a meaningful share of people do not get full relief from their first treatments.',
      },
      { h2: 'How ketamine may help' },
      {
        p: "Most antidepressants act on serotonin, norepinephrine or dopamine and take several weeks to work. Ketamine acts mainly on glutamate, the brain's chief excitatory messenger, by blocking NMDA receptors. Researchers believe this sets off a chain of changes that encourages nerve cells to grow new connections, a process called synaptogenesis, in brain regions involved in mood. The exact mechanism is still being worked out.",
      },
      {
        p: 'What stands out is speed. In clinical studies, some participants noticed an improvement within hours to a day of an infusion, rather than the weeks that standard antidepressants usually need.',
      },
      { h2: 'What the studies report' },
      {
        p: 'Results vary considerably, and many studies involve fairly small groups of people. Some trials and clinic reports describe response rates, meaning a substantial drop in symptom scores, of up to about 70 percent after a series of infusions, while others report noticeably lower figures. The benefit of a single infusion often fades within days to a couple of weeks, which is why treatment is usually given as a short series, sometimes followed by occasional booster infusions.',
      },
      {
        p: 'Intravenous ketamine is not FDA-approved for depression, so using it for this purpose is off-label. Off-label prescribing is common and legal when a doctor judges that the likely benefit justifies it. A closely related medicine, esketamine nasal spray, is FDA-approved for treatment-resistant depression in adults.',
      },
      { h2: 'Who might consider it' },
      {
        ul: [
          'Adults with major depression who have not improved enough after at least two antidepressants',
          'People whose psychiatrist or primary care doctor supports exploring ketamine alongside their current care',
          'People without a history of psychosis, uncontrolled high blood pressure or active substance misuse',
        ],
      },
      {
        p: 'Ketamine is not right for everyone, and it is not a cure. It works best as one part of a plan that continues to include therapy, medication management and support from people you trust.',
      },
      { h2: 'Talking to your doctor' },
      {
        p: 'Bring your treatment history to your next appointment: which medicines you have tried, at what dose and for how long, and any side effects you had. Ask whether ketamine or esketamine could fit into your plan and how progress would be measured. With your permission, our team is happy to speak with your prescriber directly.',
      },
      {
        p: 'If you are having thoughts of harming yourself, please do not wait for an appointment. Call or text 988 to reach the [988 Suicide & Crisis Lifeline](https://988lifeline.org/), or go to your nearest emergency room.',
      },
    ],
    references: [
      {
        title: 'National Institute of Mental Health: Depression',
        url: 'https://www.nimh.nih.gov/health/topics/depression',
      },
      {
        title: 'FDA: FDA approves new nasal spray medication for treatment-resistant depression',
        url: 'https://www.fda.gov/news-events/press-announcements/fda-approves-new-nasal-spray-medication-treatment-resistant-depression-available-only-certified',
      },
      {
        title:
          'PubMed (National Library of Medicine): studies of ketamine in treatment-resistant depression',
        url: 'https://pubmed.ncbi.nlm.nih.gov/?term=ketamine+treatment-resistant+depression',
      },
      {
        title: '988 Suicide & Crisis Lifeline',
        url: 'https://988lifeline.org/',
      },
    ],
  },
  {
    slug: 'is-ketamine-infusion-right-for-you',
    title: 'Is ketamine infusion therapy right for you?',
    excerpt:
      'Ketamine helps some people with hard-to-treat depression or pain, but it is not for everyone. These questions can help you and your doctor decide whether it is worth exploring.',
    owner: 'network',
    syndicatedTo: 'all',
    canonicalClinic: 'albuquerque',
    conditions: ['depression', 'ptsd', 'anxiety', 'chronic-pain'],
    author: 'elena-marquez',
    reviewer: 'naomi-feld',
    lastReviewed: '2026-04-21',
    heroAlt:
      'A physician and a patient sit facing each other at a small round table, reviewing a printed treatment plan together.',
    body: [
      {
        p: 'We hear from many people who have read about ketamine and wonder whether it could help them. Some are excellent candidates; for others, a different treatment is safer or more likely to work. This guide walks through the factors our physicians weigh, so you can have a more informed conversation with your own doctor.',
      },
      { h2: 'Good candidates often have a few things in common' },
      {
        ul: [
          'A diagnosis confirmed by a clinician, such as major depression, PTSD, CRPS or another chronic pain condition',
          'Several previous treatments that did not help enough or caused side effects that were hard to tolerate',
          'A doctor, therapist or psychiatrist who will keep caring for them during and after treatment',
          'Realistic expectations: hoping for meaningful improvement rather than a cure',
          'A trusted adult who can drive them home after each infusion',
        ],
      },
      { h2: 'When ketamine may not be safe' },
      {
        p: 'Ketamine briefly raises heart rate and blood pressure and can cause strong changes in perception. We may advise against treatment, or ask your doctors for more information first, if you have:',
      },
      {
        ul: [
          'high blood pressure or heart disease that is not well controlled',
          'a personal history of psychosis or schizophrenia',
          'current misuse of alcohol or drugs',
          'significant liver disease',
          'raised pressure inside the eye or skull',
          'a pregnancy, or plans to become pregnant soon',
        ],
      },
      {
        p: 'This list is not complete, which is why every patient has a medical review before any treatment is scheduled. Having one of these conditions does not always rule ketamine out, but it does mean we need to work closely with your other doctors and may suggest safer alternatives first.',
      },
      { h2: 'Why expectations matter' },
      {
        p: 'Ketamine can help some people feel noticeably better, sometimes within hours, but it is not a cure and it does not work for everyone. Benefits often fade over weeks or months, and many people need occasional booster infusions. Patients who do best tend to see ketamine as one tool among several, combined with therapy, rehabilitation or medication, rather than a single solution.',
      },
      { h2: 'Questions to ask yourself' },
      {
        ol: [
          'What have I already tried, and what happened?',
          'What would meaningful improvement look like for me: less pain, better sleep, getting back to work or family life?',
          'Can I commit to several appointments over two to three weeks, with someone to drive me each time?',
          'Is my current care team willing to work with a ketamine clinic?',
        ],
      },
      { h2: 'What the first step looks like' },
      {
        p: 'Your first visit is a consultation, not a treatment. A physician or nurse practitioner reviews your diagnosis, medications and past treatments, checks your blood pressure and heart rate, and asks you to complete short questionnaires about your mood or pain. We may request records from your other doctors. If ketamine does not look like a good fit, we will say so and suggest other routes to discuss with your doctor.',
      },
      {
        p: 'Because ketamine for depression and most pain conditions is used off-label, infusions are often not covered by insurance. We explain the full cost of a course of treatment before you commit to anything.',
      },
      {
        p: 'The best next step is usually a conversation with the doctor who knows you best. If you both feel ketamine is worth exploring, request a consultation and we will take it from there together.',
      },
    ],
    references: [
      {
        title: 'National Institute of Mental Health: Depression',
        url: 'https://www.nimh.nih.gov/health/topics/depression',
      },
      {
        title: 'National Institute of Mental Health: Post-Traumatic Stress Disorder',
        url: 'https://www.nimh.nih.gov/health/topics/post-traumatic-stress-disorder-ptsd',
      },
      {
        title: 'MedlinePlus: Chronic Pain',
        url: 'https://medlineplus.gov/chronicpain.html',
      },
    ],
  },
  {
    slug: 'what-to-expect-during-a-ketamine-infusion',
    title: 'What a ketamine infusion feels like, and what to expect on the day',
    excerpt:
      'From the moment you arrive to the drive home, here is what happens during a typical ketamine infusion and how people commonly describe the experience.',
    owner: 'network',
    syndicatedTo: ['albuquerque', 'temecula'],
    canonicalClinic: 'temecula',
    conditions: ['depression', 'chronic-pain'],
    author: 'marcus-bell',
    reviewer: 'thomas-reyes',
    lastReviewed: '2026-05-14',
    heroAlt:
      'A softly lit private treatment room with a cream-colored recliner, a folded blanket, headphones and an eye mask on a side table.',
    body: [
      {
        p: 'Most people feel a little nervous before their first infusion, and that is completely normal. Knowing what will happen, step by step, tends to make the experience calmer. Here is what a typical visit looks like at our clinics.',
      },
      { h2: 'When you arrive' },
      {
        p: 'A nurse checks you in, confirms that you have followed the eating and drinking instructions and that your driver is on the way or waiting. You settle into a reclining chair in a private room. We place a small IV line in your hand or arm and attach monitors for your heart rhythm, blood pressure and oxygen level. If you tend to feel queasy, we can give you an anti-nausea medicine before we start. Before anything begins, your nurse will explain each step and answer any last questions, so nothing comes as a surprise.',
      },
      { h2: 'During the infusion' },
      {
        p: 'A typical infusion for depression lasts about 45 minutes; pain protocols are sometimes longer. Most people begin to notice the effects within about five minutes. You stay awake and can talk to us throughout. This is not general anesthesia, and the doses are far lower than those used in surgery.',
      },
      {
        p: 'People describe the experience in many ways. Common themes include feeling light or floating, a sense of distance from the body or surroundings, sounds and colors seeming different, and time passing strangely. Some find it pleasant or dreamlike; others find it odd. Both reactions are normal and neither predicts whether the treatment will help.',
      },
      { p: 'A few things that many patients find helpful:' },
      {
        ul: [
          'wearing an eye mask and listening to calm music without lyrics',
          'choosing a simple intention beforehand, such as "I will let this happen"',
          'letting the experience unfold rather than trying to control it',
          'telling your nurse right away if you feel uncomfortable, anxious or sick',
        ],
      },
      {
        p: 'A clinician stays with you for the whole infusion and can slow or pause it at any time. If you would like to talk, we are there; if you would rather stay quiet with your music, we will keep interruptions to a minimum.',
      },
      { h2: 'Afterward' },
      {
        p: 'The effects fade quickly once the infusion stops. You will rest for another 45 to 60 minutes while we keep an eye on your blood pressure and check that you feel steady. Many people feel a little wobbly or tired, and a light snack and a drink often help. When you are ready, we walk you out to your driver.',
      },
      {
        ul: [
          'Do not drive, cycle or operate machinery for the rest of the day.',
          'Avoid alcohol and recreational drugs for 24 hours before and after each infusion.',
          'Put off important decisions until the next day.',
          'Plan a quiet evening and jot down any changes in your mood or pain.',
        ],
      },
      { h2: 'Common, short-lived side effects' },
      {
        p: 'Nausea, dizziness, blurred or double vision, and a temporary rise in heart rate and blood pressure are the effects we see most often. They usually settle within an hour. If anything feels wrong after you get home, call the clinic; in an emergency, call 911.',
      },
      {
        p: 'If you have questions about your own situation, talk to your doctor or request a consultation. We are always happy to walk you through the day in more detail before you book.',
      },
    ],
    references: [
      {
        title:
          'American Society of Anesthesiologists: Made for This Moment (patient information on anesthesia)',
        url: 'https://madeforthismoment.asahq.org/',
      },
      {
        title: 'US Drug Enforcement Administration: Drug Scheduling',
        url: 'https://www.dea.gov/drug-information/drug-scheduling',
      },
    ],
  },
  {
    slug: 'ketamine-booster-infusions',
    title: 'Booster infusions: keeping the benefits of ketamine going',
    excerpt:
      'The effects of a first series of ketamine infusions can fade over time. Here is how booster infusions work, how often people need them and what else helps benefits last.',
    owner: 'network',
    syndicatedTo: ['albuquerque', 'waxahachie'],
    canonicalClinic: 'waxahachie',
    conditions: ['depression', 'ptsd', 'chronic-pain'],
    author: 'elena-marquez',
    reviewer: 'naomi-feld',
    lastReviewed: '2026-06-09',
    heroAlt:
      'A woman in running shoes walks a dog along a riverside trail lined with cottonwood trees on a bright autumn afternoon.',
    body: [
      {
        p: 'One of the most common questions we hear once a patient starts to feel better is, "How long will this last?" The honest answer is that it varies a great deal. For many people, a first series of infusions brings relief that gradually fades over weeks or months. Booster infusions are one of the ways we try to keep those gains going, together with the rest of your care.',
      },
      { h2: 'The initial series' },
      {
        p: 'Most treatment plans begin with several infusions spread over two to three weeks. For depression, a common pattern is six infusions over that period; pain protocols may use longer infusions or a different schedule. Some people notice a change within hours of their first infusion, while others need several sessions before they feel a difference.',
      },
      { h2: 'What a booster is' },
      {
        p: 'A booster is a single infusion given after the initial series, usually when symptoms begin to creep back. It follows the same steps as your earlier infusions, with the same monitoring, rest period and need for a driver. Because you already know what to expect, many patients find boosters less daunting than their first few sessions.',
      },
      { h2: 'How often boosters are needed' },
      {
        p: 'There is no fixed timetable. Some people come back every few weeks, others every few months, and a few do not need boosters at all. Rather than booking them automatically, we prefer to schedule boosters based on how you are doing, with the aim of spacing them as far apart as is safe and helpful.',
      },
      { p: 'Signs that it may be time to talk to us about a booster include:' },
      {
        ul: [
          'low mood, poor sleep or loss of interest returning for more than a few days',
          'pain scores climbing back toward where they were before treatment',
          'everyday tasks that had become easier starting to feel hard again',
          'your therapist, doctor or family noticing a change',
        ],
      },
      { h2: 'Helping the benefits last' },
      {
        p: 'Many patients describe the weeks after an infusion series as a window in which change feels more possible. Using that window well can make a real difference to how long the benefit lasts.',
      },
      {
        ul: [
          'Keep a simple diary of your mood or pain scores so trends are easier to spot.',
          'Continue therapy; some people find it helpful to book sessions soon after infusions.',
          'Stay in touch with the doctor who prescribes your other medicines.',
          'Protect your sleep, keep moving and limit alcohol.',
        ],
      },
      { h2: 'What we do not know yet' },
      {
        p: 'Long-term research on repeated ketamine treatment is still limited. Ketamine is a Schedule III controlled substance with some potential for misuse, and problems such as bladder irritation and memory difficulties have been reported mainly in people who use ketamine recreationally, often at high doses and very frequently. Those patterns are very different from supervised clinical use, but they are one reason we keep boosters as infrequent as possible and review every plan regularly.',
      },
      {
        p: 'If you have finished an initial series and are wondering about boosters, talk to your doctor or contact your clinic to arrange a check-in. We will look at how you have been doing and decide on the next step with you.',
      },
    ],
    references: [
      {
        title: 'National Institute of Mental Health: Depression',
        url: 'https://www.nimh.nih.gov/health/topics/depression',
      },
      {
        title: 'US Drug Enforcement Administration: Drug Scheduling',
        url: 'https://www.dea.gov/drug-information/drug-scheduling',
      },
      {
        title: 'MedlinePlus: Chronic Pain',
        url: 'https://medlineplus.gov/chronicpain.html',
      },
    ],
  },
  {
    slug: 'ketamine-for-crps-and-neuropathic-pain',
    title: 'Ketamine for CRPS and neuropathic pain',
    excerpt:
      'Nerve pain and complex regional pain syndrome are among the pain conditions where ketamine has been studied most. Here is what the research suggests and how treatment is planned.',
    owner: 'network',
    syndicatedTo: ['waxahachie', 'temecula'],
    canonicalClinic: 'waxahachie',
    conditions: ['crps', 'neuropathic-pain'],
    author: 'james-okafor',
    reviewer: 'thomas-reyes',
    lastReviewed: '2026-07-22',
    heroAlt:
      "Close-up of a physical therapist gently guiding a patient's hand through a wrist exercise on a padded treatment table.",
    body: [
      {
        p: 'Nerve pain can be among the hardest kinds of pain to live with and to treat. People describe it as burning, electric or stabbing, and it often responds poorly to ordinary painkillers. Complex regional pain syndrome (CRPS), a condition in which a limb stays severely painful long after an injury, can be especially difficult. Ketamine is one of the treatments pain specialists use when standard options have not been enough.',
      },
      { h2: 'What makes nerve pain different' },
      {
        p: 'Neuropathic pain comes from damage to or disease of the nerves themselves. Common causes include diabetes, shingles, chemotherapy, spinal cord injury and trapped nerves. According to the National Institute of Neurological Disorders and Stroke (NINDS), CRPS usually develops after an injury such as a fracture, sprain or surgery, and the pain is out of proportion to the original injury. The skin may change color or temperature, and even light touch can hurt.',
      },
      { h2: 'Sensitization and the NMDA receptor' },
      {
        p: 'When pain signals keep arriving over a long period, the spinal cord and brain can become more responsive to them, a process known as central sensitization. NMDA receptors play an important part in this amplification. Ketamine blocks these receptors, which is thought to be why it can reduce pain in some people whose nervous system has become stuck in a heightened state.',
      },
      { h2: 'What the research shows' },
      {
        p: 'Several controlled studies of longer ketamine infusions in people with CRPS found that pain scores fell for a number of weeks after treatment, with the effect often fading within about three months. For other kinds of neuropathic pain, including pain after spinal cord injury and some nerve injuries, results have been more mixed. Not everyone responds, and studies have generally been small.',
      },
      { h2: 'How treatment plans for pain differ' },
      {
        p: 'Ketamine is not usually the first treatment for these conditions. Guidelines generally start with physical rehabilitation, nerve-calming medicines such as certain antidepressants and anticonvulsants, and sometimes nerve blocks. Infusions are typically considered when pain remains severe despite these approaches, and ideally after a pain specialist has confirmed the diagnosis.',
      },
      {
        p: 'Pain protocols are often different from those used for depression. Infusions may last longer, sometimes several hours, and may be given on consecutive days or spread over a few weeks. Your plan depends on your diagnosis, your other medicines, how you tolerate the first infusion and your own goals.',
      },
      { p: 'To judge whether treatment is helping, we track:' },
      {
        ul: [
          'pain scores at rest and during activity',
          'what you can do day to day, such as walking, working or sleeping through the night',
          'how much other pain medicine you need',
          'any side effects, during and after infusions',
        ],
      },
      { h2: 'Working with your other clinicians' },
      {
        p: 'For CRPS in particular, physical and occupational therapy remain essential. If ketamine reduces your pain, the weeks that follow can be a good time to make progress in rehabilitation that felt impossible before. We share updates with your pain specialist, neurologist or primary care doctor so everyone is working from the same plan.',
      },
      {
        p: 'Ketamine does not cure CRPS or repair damaged nerves, and no one should promise that it will. If you live with nerve pain and want to know whether infusions are worth trying, talk to your doctor or request a consultation with our team.',
      },
    ],
    references: [
      {
        title:
          'National Institute of Neurological Disorders and Stroke: Complex Regional Pain Syndrome',
        url: 'https://www.ninds.nih.gov/health-information/disorders/complex-regional-pain-syndrome',
      },
      {
        title: 'National Institute of Neurological Disorders and Stroke: Peripheral Neuropathy',
        url: 'https://www.ninds.nih.gov/health-information/disorders/peripheral-neuropathy',
      },
      {
        title:
          'PubMed (National Library of Medicine): studies of ketamine in complex regional pain syndrome',
        url: 'https://pubmed.ncbi.nlm.nih.gov/?term=ketamine+complex+regional+pain+syndrome',
      },
    ],
  },
  {
    slug: 'ketamine-routes-of-administration-compared',
    title: 'IV, nasal, oral or topical: how ketamine routes compare',
    excerpt:
      'Ketamine can be given through a vein, sprayed in the nose, swallowed or applied to the skin. How it is given changes how much reaches the body, how closely you are monitored and what it costs.',
    owner: 'network',
    syndicatedTo: 'all',
    canonicalClinic: 'temecula',
    conditions: ['depression', 'chronic-pain', 'neuropathic-pain'],
    author: 'priya-raman',
    reviewer: 'thomas-reyes',
    lastReviewed: '2026-08-18',
    heroAlt:
      'An anesthesiologist in navy scrubs adjusts an infusion pump beside an empty recliner in a bright, tidy treatment room.',
    body: [
      {
        p: 'When people talk about ketamine treatment, they may be talking about quite different things: an IV infusion in a clinic, a nasal spray, a lozenge taken at home or a cream applied to painful skin. Each route has its own strengths, limits and safety considerations.',
      },
      { h2: 'Why the route matters' },
      {
        p: 'The route affects bioavailability, meaning how much of a dose actually reaches the bloodstream. With an IV, essentially all of it does. Estimates vary, but roughly a third to a half of a nasal dose is absorbed, and only around a fifth or less of a swallowed dose, because the liver breaks much of it down first. Less predictable absorption makes the effect harder to control, and it also makes it harder to compare results between studies that used different routes.',
      },
      { h2: 'Intravenous (IV) infusion' },
      {
        p: 'An IV infusion delivers a precise dose, usually based on body weight, at a steady rate. The clinician can slow, pause or stop it at any moment, and you are monitored the whole time. The trade-offs are that you need to come into the clinic, have an IV line placed and arrange a driver, and that infusions are often paid for out of pocket.',
      },
      { h2: 'Intranasal: esketamine and compounded sprays' },
      {
        p: 'Esketamine nasal spray is FDA-approved for treatment-resistant depression in adults. Under the FDA safety program for this medicine, patients use the spray themselves in a certified clinic under supervision and are then monitored for at least two hours. Because it is an approved drug, insurance is more likely to contribute.',
      },
      {
        p: 'Compounded nasal sprays of ordinary ketamine are a different matter. They are not FDA-approved, doses can vary, and the FDA has alerted health care professionals to safety reports linked to their use for psychiatric conditions.',
      },
      { h2: 'Oral and sublingual forms' },
      {
        p: 'Tablets, lozenges and troches, usually made by compounding pharmacies, are typically taken at home. Absorption is lower and less predictable, and there is no clinician watching your blood pressure or breathing. The FDA has warned about the risks of using compounded ketamine products at home without monitoring. Some doctors do prescribe oral ketamine in carefully selected cases, so if this has been suggested to you, ask how you will be monitored and followed up.',
      },
      { h2: 'Topical creams' },
      {
        p: 'Creams containing ketamine, often combined with other medicines, are sometimes used for localized nerve pain. Very little reaches the bloodstream, so side effects are usually minimal, but the evidence that they work is limited and mixed.',
      },
      { h2: 'At a glance' },
      {
        ul: [
          'IV: most precise and closely monitored; in-clinic; often self-pay.',
          'Esketamine nasal spray: FDA-approved for treatment-resistant depression; in a certified clinic with at least two hours of monitoring.',
          'Compounded nasal or oral ketamine: not FDA-approved; variable absorption; often used without monitoring.',
          'Topical: for localized nerve pain; minimal whole-body effects; limited evidence.',
        ],
      },
      { h2: 'Which is right for you?' },
      {
        p: 'There is no single best route for everyone. The right choice depends on your diagnosis, medical history, insurance coverage and how closely you need to be monitored. All of our clinics offer IV infusions, and some also offer esketamine. Talk to your doctor about the options, and bring any questions to your consultation.',
      },
    ],
    references: [
      {
        title: 'FDA: FDA approves new nasal spray medication for treatment-resistant depression',
        url: 'https://www.fda.gov/news-events/press-announcements/fda-approves-new-nasal-spray-medication-treatment-resistant-depression-available-only-certified',
      },
      {
        title:
          'FDA: FDA alerts health care professionals of potential risks associated with compounded ketamine nasal spray',
        url: 'https://www.fda.gov/drugs/human-drug-compounding/fda-alerts-health-care-professionals-potential-risks-associated-compounded-ketamine-nasal-spray',
      },
      {
        title: 'FDA: Human Drug Compounding',
        url: 'https://www.fda.gov/drugs/human-drug-compounding',
      },
    ],
  },
  {
    slug: 'esketamine-vs-iv-ketamine',
    title: 'Esketamine nasal spray or IV ketamine: understanding the differences',
    excerpt:
      'Esketamine and IV ketamine are closely related, but they differ in approval status, how they are given, time in the clinic and insurance coverage. Here is a side-by-side look.',
    owner: 'network',
    syndicatedTo: ['albuquerque', 'temecula'],
    canonicalClinic: 'albuquerque',
    conditions: ['depression'],
    author: 'sarah-lindqvist',
    reviewer: 'naomi-feld',
    lastReviewed: '2026-09-30',
    heroAlt:
      'A nurse practitioner holds a small nasal spray device while explaining it to a seated patient in a quiet consultation room.',
    body: [
      {
        p: 'If you are exploring ketamine-based treatment for depression, you will probably come across two options: esketamine nasal spray and intravenous (IV) ketamine. They are related, but they are not interchangeable. Understanding the differences can help you and your doctor choose.',
      },
      { h2: 'Two forms of one molecule' },
      {
        p: 'Ketamine is made up of two mirror-image forms of the same molecule, known as S-ketamine and R-ketamine. Esketamine is the S form on its own. The ketamine used in IV infusions contains both forms in equal parts.',
      },
      { h2: 'Esketamine nasal spray' },
      {
        p: 'The FDA approved esketamine in 2019 for adults with treatment-resistant depression, to be used together with an oral antidepressant. It was later approved for depressive symptoms in adults with major depression who have acute suicidal thoughts or behavior, and in 2025 the FDA also allowed its use on its own for treatment-resistant depression.',
      },
      {
        p: 'Because of the risks of sedation, dissociation and misuse, esketamine is only available through a restricted FDA safety program. You use the spray yourself in a certified clinic under supervision, then stay for at least two hours of monitoring. You should not drive until the next day. A typical schedule starts with two sessions a week for four weeks, then gradually spaces them out.',
      },
      { h2: 'IV ketamine' },
      {
        p: 'IV ketamine is used off-label for depression. The dose is calculated from your body weight and can be adjusted during the infusion. A session usually takes about 40 to 45 minutes, followed by a recovery period of up to an hour. Because it is off-label, many insurers do not cover it.',
      },
      { h2: 'Side by side' },
      {
        ul: [
          'Approval: esketamine is FDA-approved for depression; IV ketamine is used off-label.',
          'How it is given: nasal spray you use yourself under supervision, or a measured IV infusion.',
          'Time in clinic: at least two hours for esketamine; usually under two hours in total for an IV visit.',
          'Dose control: fixed spray doses, or an IV rate that can be adjusted minute by minute.',
          'Cost: esketamine is more often covered by insurance, usually with prior authorization; IV ketamine is often self-pay.',
        ],
      },
      { h2: 'Which works better?' },
      {
        p: 'Both options share similar short-term side effects, including dissociation, nausea, dizziness and a temporary rise in blood pressure, and both require a driver home and no driving for the rest of the day. Neither should be combined with alcohol, and both need a careful review of your other medicines beforehand.',
      },
      {
        p: 'Direct head-to-head comparisons are still limited, and both have helped some people whose depression did not respond to other treatments. We do not think either one is the right answer for everyone. The choice often comes down to insurance coverage, your schedule, your medical history and how you respond.',
      },
      { h2: 'Questions to bring to your doctor' },
      {
        ol: [
          'Which option is my insurance likely to cover?',
          'How many visits would the first month involve, and can I manage them?',
          'How will we measure whether the treatment is working?',
          'What happens if the first option does not help?',
        ],
      },
      {
        p: 'Talk to your doctor or psychiatrist about which approach suits you, or request a consultation and we will go through both options with you.',
      },
    ],
    references: [
      {
        title: 'FDA: FDA approves new nasal spray medication for treatment-resistant depression',
        url: 'https://www.fda.gov/news-events/press-announcements/fda-approves-new-nasal-spray-medication-treatment-resistant-depression-available-only-certified',
      },
      {
        title: 'National Institute of Mental Health: Depression',
        url: 'https://www.nimh.nih.gov/health/topics/depression',
      },
      {
        title: 'FDA: Drug Safety and Availability',
        url: 'https://www.fda.gov/drugs/drug-safety-and-availability',
      },
    ],
  },
  {
    slug: 'ketamine-side-effects-and-safety',
    title: 'Ketamine side effects and safety: an honest guide',
    excerpt:
      'Ketamine has a long safety record in medicine, but it does have side effects and is not right for everyone. Here is what to expect and how we keep treatment safe.',
    owner: 'network',
    syndicatedTo: 'all',
    canonicalClinic: 'temecula',
    conditions: ['depression', 'ptsd', 'chronic-pain'],
    author: 'priya-raman',
    reviewer: 'thomas-reyes',
    lastReviewed: '2026-10-06',
    heroAlt:
      'A nurse checks a bedside monitor showing heart rate and blood pressure while a relaxed patient rests under a blanket.',
    body: [
      {
        p: "Ketamine has been used in anesthesia for more than half a century and is on the World Health Organization's Model List of Essential Medicines. That long track record is reassuring, but it does not mean ketamine is free of risks. Here is a straightforward look at what to expect and how we keep treatment as safe as possible.",
      },
      { h2: 'Common side effects during treatment' },
      {
        ul: [
          'Dissociation: feeling detached from your body or surroundings',
          'Perceptual changes: colors, sounds or your sense of time may seem different',
          'Nausea, which some studies report in roughly a quarter of patients',
          'Dizziness or drowsiness',
          'Blurred or double vision',
          'A temporary rise in heart rate and blood pressure',
          'Headache',
        ],
      },
      {
        p: 'Most of these settle within an hour of the infusion ending. If they are unpleasant, we can slow the infusion, give anti-nausea medicine or adjust the dose next time. Some people feel tired, a little foggy or emotionally sensitive for the rest of the day, which is another reason we ask you to plan a quiet evening. If the dissociative feeling itself is distressing, tell us; a calmer room, different music or a lower dose often makes a real difference.',
      },
      { h2: 'How we keep infusions safe' },
      {
        ul: [
          'A medical review of your history and medicines before your first infusion',
          'Continuous monitoring of heart rhythm, blood pressure and oxygen level',
          'A clinician with you for the entire infusion',
          'A recovery period before you leave, and a requirement that a responsible adult takes you home',
        ],
      },
      { h2: 'Who needs extra caution' },
      {
        p: 'Ketamine may not be suitable, or may need extra precautions, for people with uncontrolled high blood pressure or heart disease, a history of psychosis or schizophrenia, active substance misuse, significant liver disease or a pregnancy. Tell us about every condition and medicine, even if it seems unrelated.',
      },
      { h2: 'Is ketamine addictive?' },
      {
        p: 'The US Drug Enforcement Administration classifies ketamine as a Schedule III substance, meaning it has accepted medical uses along with some potential for misuse and dependence. Frequent recreational use at high doses has been linked to dependence, bladder damage and memory problems. In a supervised clinical setting, with low doses given at spaced intervals, the risk is considered low, but it is not zero. Please tell us about any past or current substance use so we can plan safely, and know that ketamine is never sent home with patients from our clinics.',
      },
      { h2: 'Medicines that can interact' },
      {
        p: 'Some medicines can change how ketamine affects you, including benzodiazepines, opioids and other sedatives, some blood pressure medicines, stimulants and certain antidepressants. Do not stop or change any medicine on your own; we will coordinate with the doctor who prescribes it.',
      },
      { h2: 'When to get help' },
      {
        p: 'Call the clinic if you feel unwell after an infusion. Call 911 for chest pain, severe headache, fainting or trouble breathing. If your mood worsens or you have thoughts of harming yourself, call or text 988 or go to the nearest emergency room.',
      },
      {
        p: 'If you are weighing up the risks and benefits for yourself, talk to your doctor or request a consultation. We will go through your own situation in detail.',
      },
    ],
    references: [
      {
        title: 'US Drug Enforcement Administration: Drug Scheduling',
        url: 'https://www.dea.gov/drug-information/drug-scheduling',
      },
      {
        title: 'World Health Organization: Essential Medicines Lists',
        url: 'https://www.who.int/groups/expert-committee-on-selection-and-use-of-essential-medicines/essential-medicines-lists',
      },
      {
        title:
          'FDA: FDA alerts health care professionals of potential risks associated with compounded ketamine nasal spray',
        url: 'https://www.fda.gov/drugs/human-drug-compounding/fda-alerts-health-care-professionals-potential-risks-associated-compounded-ketamine-nasal-spray',
      },
    ],
  },
  {
    slug: 'preparing-for-your-first-ketamine-appointment',
    title: 'Preparing for your first ketamine appointment',
    excerpt:
      'A practical checklist for your consultation and first infusion: what to bring, how to prepare in the days before and how to look after yourself afterward.',
    owner: 'network',
    syndicatedTo: 'all',
    canonicalClinic: 'waxahachie',
    conditions: ['depression', 'chronic-pain'],
    author: 'rosa-delgado',
    reviewer: 'naomi-feld',
    lastReviewed: '2026-01-27',
    heroAlt:
      'A person packs a tote bag on a bed with a cardigan, headphones, a water bottle and a folder of medical papers.',
    body: [
      {
        p: 'A little preparation makes your first visit smoother and helps our team build a plan that fits you. Here is what we suggest, from your consultation through to the evening after your first infusion.',
      },
      { h2: 'Before your consultation' },
      {
        ul: [
          'A list of your current medicines, supplements and doses',
          'The names of treatments you have tried before, how long you took them and what happened',
          'Contact details for your primary care doctor, psychiatrist, therapist or pain specialist',
          'Your photo ID and, if you have it, your insurance card',
          'A written list of your questions, so nothing gets forgotten',
        ],
      },
      {
        p: 'You do not always need a referral to book a consultation. For mental health conditions, though, we usually ask to be in touch with the clinician who diagnosed you or manages your care, and we may request records before scheduling treatment.',
      },
      { h2: 'In the days before your first infusion' },
      {
        ul: [
          'Arrange a responsible adult to drive you home; a taxi or rideshare on your own is not allowed.',
          'Plan to take the rest of the day off from work, driving and caring duties where possible.',
          'Keep taking your usual medicines unless we have told you otherwise, and ask us if you are unsure.',
          'Avoid alcohol and recreational drugs for at least 24 hours before your appointment.',
          'Let us know if you develop a fever, cold or other illness.',
        ],
      },
      { h2: 'On the day' },
      {
        p: 'Follow the eating and drinking instructions we give you. Many patients are asked to avoid solid food for about six hours beforehand and to drink only clear liquids until two hours before, which lowers the chance of nausea. Wear comfortable clothes in layers with sleeves that roll up easily. You are welcome to bring headphones, an eye mask or a favorite playlist.',
      },
      { h2: 'What to bring on the day' },
      {
        ul: [
          'Your driver, or their phone number so we can call them when you are ready',
          'A warm layer, since some people feel chilly during an infusion',
          'Headphones and a calm playlist, or use one of ours',
          'Any reading glasses or hearing aids you normally need',
        ],
      },
      { h2: 'Setting expectations' },
      {
        p: 'Your first infusion may feel unusual, and that is expected. Some people notice a lift in mood or a drop in pain within hours, others only after several sessions, and some not at all. Keeping a short daily note of your mood or pain helps you and our team see what is changing. We will ask you to complete the same short questionnaires before several of your visits so that progress, or lack of it, is measured rather than guessed.',
      },
      { h2: 'Afterward' },
      {
        p: 'Plan a quiet evening at home, drink water, eat something light and have someone nearby if possible. Do not drive or operate machinery until the next day, and continue to avoid alcohol for 24 hours. We will check in with you before your next visit to ask how the first infusion went and whether anything should change.',
      },
      {
        p: 'If you have questions at any point, call your clinic or talk to your doctor. No question is too small, and we would much rather hear from you than have you worry.',
      },
    ],
    references: [
      {
        title: 'MedlinePlus: Talking With Your Doctor',
        url: 'https://medlineplus.gov/talkingwithyourdoctor.html',
      },
      {
        title:
          'American Society of Anesthesiologists: Made for This Moment (preparing for anesthesia)',
        url: 'https://madeforthismoment.asahq.org/',
      },
    ],
  },
  {
    slug: 'meet-our-albuquerque-care-team',
    title: 'Meet our Albuquerque care team',
    excerpt:
      'The physicians, nurse practitioner and nurses who look after you at our Albuquerque clinic, and why they chose this work.',
    owner: 'albuquerque',
    syndicatedTo: [],
    conditions: ['depression', 'ptsd', 'chronic-pain'],
    author: 'elena-marquez',
    reviewer: 'naomi-feld',
    lastReviewed: '2026-02-18',
    heroAlt:
      'Four smiling clinicians in scrubs and a white coat stand together in a sunlit clinic lobby with the Sandia Mountains visible through the window.',
    body: [
      {
        p: 'Walking into a new clinic is easier when you know who you will meet. Our Albuquerque team is small by design, so you will see the same familiar faces from your consultation through to your last infusion.',
      },
      { h2: 'Elena Marquez, MD, FACEP' },
      {
        p: 'Dr. Marquez spent more than fifteen years as an emergency physician before co-founding the clinic. She leads our medical care, reviews every new treatment plan and is often the person who places your IV on your first day.',
      },
      { h2: 'Sarah Lindqvist, PMHNP-BC' },
      {
        p: 'Sarah is a psychiatric nurse practitioner who carries out mental health assessments and follow-up visits. She stays in contact with your therapist or psychiatrist so that your ketamine treatment supports the rest of your care.',
      },
      { h2: 'Our nursing team' },
      {
        p: 'Our registered nurses have backgrounds in emergency, critical care and recovery-room nursing. One of them stays with you for the full infusion, keeps an eye on your monitors and makes sure you feel settled before you leave.',
      },
      {
        p: 'We would love to meet you. Request a consultation, or call the clinic if you have questions about whether our team is a good fit.',
      },
    ],
    references: [],
  },
  {
    slug: 'new-private-infusion-suites-temecula',
    title: 'Our new private infusion suites in Temecula',
    excerpt:
      'Our Temecula clinic has moved into a larger space with six private infusion suites, more Saturday availability and easier parking.',
    owner: 'temecula',
    syndicatedTo: [],
    conditions: ['depression', 'chronic-pain'],
    author: 'priya-raman',
    reviewer: 'thomas-reyes',
    lastReviewed: '2026-04-02',
    heroAlt:
      'A private infusion suite with a leather recliner facing a window onto a courtyard of olive trees, with soft lamps and a folded wool throw.',
    body: [
      {
        p: 'We are delighted to welcome patients to our new home on Ynez Road. The move gives us room for six private infusion suites, a quieter recovery area and more appointments, including on Saturdays.',
      },
      { h2: 'Designed around how infusions feel' },
      {
        p: 'Because ketamine can make sounds and light feel more intense, we designed each suite to be calm and predictable. Every room has noise-reducing walls, blackout shades, dimmable lighting and a reclining chair with a warm blanket.',
      },
      {
        ul: [
          'Six private suites, each with its own monitoring equipment',
          'A separate recovery lounge where your driver can wait with you',
          'Step-free access from the parking lot to every room',
          'Covered drop-off right by the entrance',
        ],
      },
      { h2: 'The same careful care' },
      {
        p: 'Our anesthesiologist and nurse anesthetists continue to oversee every infusion. The new space changes the surroundings, not the safety standards: continuous monitoring, a clinician with you throughout and a full recovery period before you go home.',
      },
      {
        p: 'If you would like to see the new suites before booking, ask about a short tour when you request your consultation.',
      },
    ],
    references: [],
  },
  {
    slug: 'parking-and-getting-to-our-waxahachie-clinic',
    title: 'Parking and getting to our Waxahachie clinic',
    excerpt:
      'Directions, free parking, accessible entrances and tips for the person driving you home from our Waxahachie clinic.',
    owner: 'waxahachie',
    syndicatedTo: [],
    conditions: [],
    author: 'rosa-delgado',
    reviewer: 'thomas-reyes',
    lastReviewed: '2026-05-05',
    heroAlt:
      'A single-story brick medical building with a covered entrance, a few parked cars and young live oak trees under a clear Texas sky.',
    body: [
      {
        p: 'Our Waxahachie clinic is on North Highway 77, a short drive from Interstate 35E. Here is everything you need to know about getting here and getting home safely.',
      },
      { h2: 'Driving here' },
      {
        p: 'From Dallas and the northern suburbs, take I-35E south toward Waxahachie and follow signs for Highway 77. The clinic is in a single-story brick building with a covered entrance, in Suite 104. Most patients from Midlothian, Red Oak and Ennis reach us in about 15 to 25 minutes.',
      },
      { h2: 'Parking' },
      {
        ul: [
          'Free parking directly in front of the building, with no permit needed',
          'Accessible parking spaces next to the entrance, which has step-free access',
          'A covered drop-off area where your driver can pick you up at the door',
        ],
      },
      { h2: 'For the person driving you home' },
      {
        p: 'You will need a responsible adult to take you home after every infusion; a taxi or rideshare on your own is not allowed. Your driver is welcome to wait in our lobby, which has Wi-Fi and coffee, or to run errands nearby. We will call them when you are about 15 minutes from being ready.',
      },
      {
        p: 'Public transportation options in this area are limited, so if arranging a ride is difficult, let us know when you book and we will help you think through options.',
      },
    ],
    references: [],
  },
]
