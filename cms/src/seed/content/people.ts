import type { SeedProvider, SeedReviewer } from './types'

export const providers: SeedProvider[] = [
  {
    slug: 'elena-marquez',
    name: 'Elena Marquez',
    credentials: 'MD, FACEP',
    role: 'Co-founder and Medical Director',
    bio: [
      {
        p: 'Dr. Marquez is a board-certified emergency physician who practiced for more than fifteen years in busy emergency departments in New Mexico and Texas. Seeing how often patients with severe pain or depression came back to the emergency room without lasting help led her to co-found the network and its first clinic in Albuquerque.',
      },
      {
        p: 'She oversees clinical protocols and patient safety across our clinics and sees patients in Albuquerque and, one week each month, in Waxahachie. Outside the clinic she hikes the Sandia foothills and volunteers with a local wilderness first-aid program.',
      },
    ],
    clinics: ['albuquerque', 'waxahachie'],
  },
  {
    slug: 'james-okafor',
    name: 'James Okafor',
    credentials: 'DO, FACEP',
    role: 'Medical Director, Waxahachie',
    bio: [
      {
        p: 'Dr. Okafor grew up in Ellis County and trained in emergency medicine in Fort Worth. After years of treating patients with long-standing pain in the emergency department, he completed additional training in ketamine administration for pain and mood disorders and co-founded the network with Dr. Marquez.',
      },
      {
        p: 'He leads the Waxahachie clinic, with a particular interest in CRPS and neuropathic pain, and works closely with local primary care doctors and physical therapists to build a plan around each patient.',
      },
    ],
    clinics: ['waxahachie'],
  },
  {
    slug: 'priya-raman',
    name: 'Priya Raman',
    credentials: 'MD',
    role: 'Anesthesiologist and Medical Director, Temecula',
    bio: [
      {
        p: 'Dr. Raman is a board-certified anesthesiologist with a fellowship in pain medicine. She spent a decade providing anesthesia and acute pain care in Southern California hospitals before opening the Temecula clinic.',
      },
      {
        p: 'Her focus is on safe, closely monitored treatment and on realistic expectations. She speaks English and Tamil and enjoys explaining the science of ketamine to patients and their families in plain language.',
      },
    ],
    clinics: ['temecula'],
  },
  {
    slug: 'sarah-lindqvist',
    name: 'Sarah Lindqvist',
    credentials: 'PMHNP-BC',
    role: 'Psychiatric Mental Health Nurse Practitioner',
    bio: [
      {
        p: 'Sarah is a board-certified psychiatric nurse practitioner who previously worked in community mental health and with a veterans outreach program. She carries out mental health assessments for patients considering ketamine and follows up with them during and after their course of treatment.',
      },
      {
        p: "She believes ketamine works best when it is connected to ongoing therapy and support, and she keeps in close contact with each patient's therapist or psychiatrist.",
      },
    ],
    clinics: ['albuquerque'],
  },
  {
    slug: 'marcus-bell',
    name: 'Marcus Bell',
    credentials: 'CRNA',
    role: 'Certified Registered Nurse Anesthetist',
    bio: [
      {
        p: 'Marcus is a certified registered nurse anesthetist with more than twelve years of experience in surgical and trauma anesthesia. At the Temecula clinic he prepares and monitors infusions and stays with patients throughout treatment.',
      },
      {
        p: 'Patients often mention his calm manner. Before each first infusion he takes time to walk people through what they may feel, which he says is the most important part of the visit.',
      },
    ],
    clinics: ['temecula'],
  },
  {
    slug: 'rosa-delgado',
    name: 'Rosa Delgado',
    credentials: 'MSN, FNP-C',
    role: 'Family Nurse Practitioner',
    bio: [
      {
        p: 'Rosa is a board-certified family nurse practitioner who spent eight years in primary care before joining the Waxahachie clinic. She leads new-patient consultations, reviews medical histories and medications, and coordinates with referring doctors.',
      },
      {
        p: 'She is bilingual in English and Spanish and enjoys helping patients and their families feel prepared and comfortable before their first visit.',
      },
    ],
    clinics: ['waxahachie'],
  },
]

export const reviewers: SeedReviewer[] = [
  {
    key: 'thomas-reyes',
    name: 'Thomas Reyes',
    credentials: 'MD, FASA',
    email: 'thomas.reyes@clearwater-infusion.example',
  },
  {
    key: 'naomi-feld',
    name: 'Naomi Feld',
    credentials: 'MD, DFAPA',
    email: 'naomi.feld@clearwater-infusion.example',
  },
]
