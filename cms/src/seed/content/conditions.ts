import type { SeedCondition } from './types'

export const conditions: SeedCondition[] = [
  {
    slug: 'depression',
    name: 'Depression',
    category: 'mental-health',
    summary:
      'Major depression that has not eased after two or more antidepressants may be assessed for ketamine treatment alongside ongoing care.',
    body: [
      {
        p: 'Depression is more than a stretch of low mood. It can drain energy, disturb sleep and appetite, make concentration hard and take the pleasure out of things that used to matter. Many people improve with talk therapy, medication or both, but a substantial group does not get enough relief even after trying several treatments.',
      },
      { h2: 'When standard treatments have not been enough' },
      {
        p: 'Doctors often use the term treatment-resistant depression when symptoms persist after at least two antidepressants taken at an adequate dose for an adequate length of time. For some of these patients, a series of low-dose ketamine infusions given under medical monitoring is one option their care team may consider.',
      },
      {
        p: 'Ketamine acts on the glutamate system rather than on serotonin, which is one reason researchers think it may help people who have not responded to conventional antidepressants. Intravenous ketamine is used off-label for depression; a related medicine, esketamine nasal spray, is FDA-approved for treatment-resistant depression.',
      },
      {
        ul: [
          'Ketamine is an addition to, not a replacement for, ongoing psychiatric care and therapy.',
          'Improvement, when it happens, varies from person to person and may not last without follow-up care.',
          'If you are in crisis, call or text 988 or go to the nearest emergency room.',
        ],
      },
    ],
  },
  {
    slug: 'ptsd',
    name: 'Post-traumatic stress disorder (PTSD)',
    category: 'mental-health',
    summary:
      'PTSD can follow a frightening or violent event. Ketamine is being studied as an add-on when trauma-focused therapy and medication have not helped enough.',
    body: [
      {
        p: 'Post-traumatic stress disorder can develop after someone lives through or witnesses a traumatic event such as combat, an assault, a serious accident or a disaster. Intrusive memories, nightmares, avoidance, feeling constantly on guard and changes in mood can persist for months or years.',
      },
      {
        p: 'Trauma-focused psychotherapy remains the foundation of PTSD treatment, and certain medications can help. Ketamine has been studied in small clinical trials as an additional option for people whose symptoms have not improved enough, with mixed but encouraging early results.',
      },
      { h2: 'How we approach PTSD' },
      {
        p: 'We only offer ketamine for PTSD after a careful assessment and in coordination with the therapist or psychiatrist who knows you. Infusions are given in a calm, private room with a clinician present, and you can pause or stop at any time.',
      },
    ],
  },
  {
    slug: 'ocd',
    name: 'Obsessive-compulsive disorder (OCD)',
    category: 'mental-health',
    summary:
      'OCD involves unwanted, repetitive thoughts and urges. Research into ketamine for OCD is at an early stage, so we assess each case carefully.',
    body: [
      {
        p: 'Obsessive-compulsive disorder is marked by intrusive thoughts, images or urges (obsessions) and repetitive behaviors or mental rituals (compulsions) carried out to ease the distress they cause. It can take up hours of a day and affect work, school and relationships.',
      },
      {
        p: 'Exposure and response prevention therapy and certain antidepressants are the established treatments. A small number of early studies have looked at ketamine for OCD, and some participants reported short-term relief, but the evidence is still limited.',
      },
      {
        p: 'If you and your psychiatrist are considering ketamine, we will talk through what is and is not known, and we will only proceed alongside your existing treatment plan.',
      },
    ],
  },
  {
    slug: 'anxiety',
    name: 'Anxiety disorders',
    category: 'mental-health',
    summary:
      'Persistent anxiety that disrupts daily life. Ketamine is sometimes considered when anxiety occurs alongside depression that has resisted treatment.',
    body: [
      {
        p: 'Anxiety disorders, including generalized anxiety disorder, social anxiety and panic disorder, go beyond ordinary worry. Symptoms can include restlessness, racing thoughts, muscle tension, poor sleep and physical sensations such as a pounding heart.',
      },
      {
        p: 'Therapy, especially cognitive behavioral therapy, and medication help many people. Research on ketamine for anxiety on its own is still developing; it is more often considered when anxiety comes together with depression that has not responded to other treatment.',
      },
      {
        ul: [
          'We review your full history, current medications and goals before recommending anything.',
          'Some people feel uneasy during the dissociative phase of an infusion, so we explain what to expect and stay with you throughout.',
          'Your existing therapist or prescriber remains central to your care.',
        ],
      },
    ],
  },
  {
    slug: 'bipolar-depression',
    name: 'Bipolar depression',
    category: 'mental-health',
    summary:
      'The depressive phase of bipolar disorder. Ketamine for bipolar depression is still being researched and is only considered with your psychiatrist.',
    body: [
      {
        p: 'People with bipolar disorder experience episodes of depression as well as periods of elevated or irritable mood (mania or hypomania). The depressive episodes are often the longest and hardest part of the illness, and treatment options for them are more limited.',
      },
      {
        p: 'Researchers have studied ketamine as an add-on to mood stabilizers during bipolar depression, with some promising short-term findings. Because the evidence is still limited and there is a possible risk of triggering mood elevation, we only consider treatment when your mood is being managed by a psychiatrist who agrees with the plan.',
      },
      {
        p: 'A history of psychosis can make ketamine unsuitable, so please share your complete mental health history during your consultation.',
      },
    ],
  },
  {
    slug: 'chronic-pain',
    name: 'Chronic pain',
    category: 'pain',
    summary:
      'Pain lasting longer than about three months. Ketamine infusions may reduce pain for some patients and can be part of a plan that relies less on opioids.',
    body: [
      {
        p: 'Pain is usually called chronic when it persists for more than about three months, often long after an injury or illness would normally have healed. The CDC estimates that roughly one in five adults in the United States lives with chronic pain.',
      },
      {
        p: 'Over time the nervous system itself can become more sensitive, amplifying pain signals. Ketamine blocks NMDA receptors involved in this process, which is why pain specialists have used it for decades, in low doses, for hard-to-treat pain.',
      },
      { h2: 'What treatment can and cannot do' },
      {
        p: 'Some people who respond to a course of infusions report a meaningful drop in their pain scores and find it easier to stay active or reduce other medications with their doctor. Others notice little change. Infusions work best as one part of a wider pain plan that may include physical therapy, psychological support and other medicines.',
      },
    ],
  },
  {
    slug: 'crps',
    name: 'Complex regional pain syndrome (CRPS)',
    category: 'pain',
    summary:
      'Intense, lasting pain, usually in an arm or leg after an injury. Ketamine infusions are one option pain specialists use when other treatments fall short.',
    body: [
      {
        p: 'Complex regional pain syndrome usually develops in a limb after an injury, surgery, fracture or sprain, and the pain is far greater than the original injury would explain. The affected area may burn, swell, change color or temperature, and become extremely sensitive to touch.',
      },
      {
        p: 'Early diagnosis and physical rehabilitation are important. When pain stays severe despite standard care, ketamine infusions are among the treatments pain specialists may try, and several studies have reported pain reduction in some patients with CRPS.',
      },
      {
        ul: [
          'Treatment plans for CRPS often involve longer infusions or several sessions over a few weeks.',
          'We work with your pain specialist, physical therapist and primary care doctor.',
          'Results vary, and relief may fade over time without follow-up care.',
        ],
      },
    ],
  },
  {
    slug: 'fibromyalgia',
    name: 'Fibromyalgia',
    category: 'pain',
    summary:
      'Widespread pain with fatigue, poor sleep and memory problems. Ketamine may help some patients; evidence is mixed, so we tailor plans carefully.',
    body: [
      {
        p: 'Fibromyalgia causes widespread musculoskeletal pain, often together with fatigue, unrefreshing sleep and problems with memory and concentration, sometimes called fibro fog. It is thought to involve changes in the way the brain and spinal cord process pain signals.',
      },
      {
        p: 'Regular gentle exercise, sleep support, therapy and certain medications are the mainstays of treatment. Studies of ketamine for fibromyalgia have shown short-term benefit for some participants but mixed results overall.',
      },
      {
        p: 'If you are considering infusions, we will discuss realistic expectations and how treatment could fit with the care you already receive.',
      },
    ],
  },
  {
    slug: 'neuropathic-pain',
    name: 'Neuropathic pain',
    category: 'pain',
    summary:
      'Burning, shooting or electric pain caused by nerve damage, such as diabetic neuropathy or shingles. Ketamine may ease symptoms for some patients.',
    body: [
      {
        p: 'Neuropathic pain comes from damage to or disease of the nerves themselves. It is often described as burning, stabbing, tingling or like an electric shock. Common causes include diabetes, shingles, chemotherapy, spinal cord injury and nerve compression.',
      },
      {
        p: 'Because this kind of pain often responds poorly to ordinary painkillers, specialists may use medicines that calm overactive nerves. Ketamine targets NMDA receptors that help maintain heightened pain signaling, and some patients report lasting relief after a series of infusions.',
      },
      {
        p: 'We review your diagnosis and prior treatments with you and, where appropriate, with your neurologist or pain specialist before recommending a plan.',
      },
    ],
  },
  {
    slug: 'migraine',
    name: 'Migraine',
    category: 'pain',
    summary:
      'Recurring, often disabling headaches with nausea and sensitivity to light. Ketamine is occasionally used for severe, hard-to-treat migraine.',
    body: [
      {
        p: 'Migraine is a neurological condition that causes moderate to severe headache attacks, often with nausea, vomiting and sensitivity to light and sound. Some people experience an aura, such as visual disturbances, before an attack. Chronic migraine means headaches on 15 or more days a month.',
      },
      {
        p: 'Many effective preventive and acute migraine treatments exist, and a neurologist or headache specialist should guide your care. Ketamine is sometimes considered for severe, refractory migraine when other options have not worked, though research is limited.',
      },
      {
        p: 'We will ask for details of your headache history and current treatments, and we coordinate with your headache specialist where possible.',
      },
    ],
  },
  {
    slug: 'phantom-limb-pain',
    name: 'Phantom limb pain',
    category: 'pain',
    summary:
      'Pain felt in a limb that has been amputated. Ketamine has been used by pain specialists to ease it in some patients, as part of wider care.',
    body: [
      {
        p: 'Many people who have lost a limb continue to feel sensations where it used to be, and for some these sensations are painful: cramping, burning or shooting pain that can be hard to treat. Changes in the brain and spinal cord after amputation are thought to play a role.',
      },
      {
        p: 'Treatment usually combines medication, physical therapy, mirror therapy and psychological support. Ketamine has been used to ease phantom limb pain in some patients, although studies are small and results vary.',
      },
      {
        p: 'Our team works with your rehabilitation specialists and prosthetist so that any infusion plan supports the rest of your recovery.',
      },
    ],
  },
]
