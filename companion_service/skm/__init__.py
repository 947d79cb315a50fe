"""SKM (survei kepuasan masyarakat, the citizen-satisfaction survey) and its index, the IKM.

Words kept in Indonesian because the regulation (PermenPANRB 14/2017) and every unit use them:

- **unsur**: one of the nine elements of the survey, stored by code ``U1`` ... ``U9``;
- **NRR** (nilai rata-rata): the mean answer to one unsur on the 1-4 scale;
- **IKM** (indeks kepuasan masyarakat): the weighted NRR converted to 25-100, graded A-D
  (**mutu pelayanan**) with a **kinerja** label (Sangat Baik ... Tidak Baik);
- **jenis layanan**: a kind of service a unit offers (the survey is reported per kind too);
- **RTL** (rencana tindak lanjut): a follow-up action planned for a weak unsur.

The computation is the pure module ``ikm``; ``api`` is what other apps call.
"""
